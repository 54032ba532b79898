using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CertyoOdoo.Certyo.Json;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS) over <see cref="JsonElement"/>: object members sorted by
/// UTF-16 code units, numbers in ECMAScript form, strings with the minimal escaping, no whitespace.
/// </summary>
public static class JsonCanonicalizer
{
    /// <summary>The canonical UTF-8 bytes of <paramref name="element"/>.</summary>
    public static byte[] Canonicalize(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(element, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The canonical form of <paramref name="element"/> as a string.</summary>
    public static string CanonicalizeToString(JsonElement element) => Encoding.UTF8.GetString(Canonicalize(element));

    /// <summary>Writes the canonical UTF-8 bytes of <paramref name="element"/> to <paramref name="output"/>.</summary>
    /// <exception cref="FormatException">Duplicate member names, or a number outside the IEEE 754 double range.</exception>
    public static void Write(JsonElement element, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(element, output);
                break;
            case JsonValueKind.Array:
                WriteArray(element, output);
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                WriteNumber(element, output);
                break;
            case JsonValueKind.True:
                WriteAscii("true", output);
                break;
            case JsonValueKind.False:
                WriteAscii("false", output);
                break;
            case JsonValueKind.Null:
                WriteAscii("null", output);
                break;
            default:
                throw new FormatException($"Cannot canonicalize a JSON value of kind {element.ValueKind}.");
        }
    }

    /// <summary>Writes a JSON string literal with JCS escaping (only '"', '\\' and control characters).</summary>
    public static void WriteString(string value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(output);
        WriteByte((byte)'"', output);
        var span = value.AsSpan();
        var start = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            WriteUtf8(span[start..i], output);
            WriteEscape(c, output);
            start = i + 1;
        }

        WriteUtf8(span[start..], output);
        WriteByte((byte)'"', output);
    }

    /// <summary>The ECMAScript Number.prototype.toString form of a finite double (RFC 8785 section 3.2.2.3).</summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new FormatException("JSON numbers must be finite.");
        }

        if (value == 0)
        {
            return "0"; // -0 as well
        }

        // "R" gives the shortest round-trip digits; re-layout them the way ECMAScript does.
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = r[0] == '-';
        if (negative)
        {
            r = r[1..];
        }

        var exponent = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        var dot = r.IndexOf('.', StringComparison.Ordinal);
        var intLength = dot >= 0 ? dot : r.Length;
        var digits = dot >= 0 ? string.Concat(r.AsSpan(0, dot), r.AsSpan(dot + 1)) : r;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..].TrimEnd('0');
        if (digits.Length == 0)
        {
            return "0";
        }

        // value = 0.digits * 10^n in ECMAScript's terms.
        var n = intLength - leadingZeros + exponent;
        var k = digits.Length;
        var sb = new StringBuilder(32);
        if (negative)
        {
            sb.Append('-');
        }

        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var exp = n - 1;
            sb.Append(digits[0]);
            if (k > 1)
            {
                sb.Append('.').Append(digits, 1, k - 1);
            }

            sb.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static void WriteObject(JsonElement element, IBufferWriter<byte> output)
    {
        var members = new List<JsonProperty>();
        foreach (var property in element.EnumerateObject())
        {
            members.Add(property);
        }

        members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        WriteByte((byte)'{', output);
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                if (string.Equals(members[i - 1].Name, members[i].Name, StringComparison.Ordinal))
                {
                    throw new FormatException($"Duplicate member name '{members[i].Name}'.");
                }

                WriteByte((byte)',', output);
            }

            WriteString(members[i].Name, output);
            WriteByte((byte)':', output);
            Write(members[i].Value, output);
        }

        WriteByte((byte)'}', output);
    }

    private static void WriteArray(JsonElement element, IBufferWriter<byte> output)
    {
        WriteByte((byte)'[', output);
        var first = true;
        foreach (var item in element.EnumerateArray())
        {
            if (!first)
            {
                WriteByte((byte)',', output);
            }

            first = false;
            Write(item, output);
        }

        WriteByte((byte)']', output);
    }

    private static void WriteNumber(JsonElement element, IBufferWriter<byte> output)
    {
        // Small integers are the common case: their ECMAScript form is their decimal form.
        if (element.TryGetInt64(out var integer) && integer > -(1L << 53) && integer < (1L << 53))
        {
            var span = output.GetSpan(20);
            integer.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
            output.Advance(written);
            return;
        }

        if (!element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            throw new FormatException($"Number {element.GetRawText()} is outside the IEEE 754 double range.");
        }

        WriteAscii(FormatNumber(value), output);
    }

    private static void WriteEscape(char c, IBufferWriter<byte> output)
    {
        switch (c)
        {
            case '"': WriteAscii("\\\"", output); break;
            case '\\': WriteAscii("\\\\", output); break;
            case '\b': WriteAscii("\\b", output); break;
            case '\f': WriteAscii("\\f", output); break;
            case '\n': WriteAscii("\\n", output); break;
            case '\r': WriteAscii("\\r", output); break;
            case '\t': WriteAscii("\\t", output); break;
            default: WriteAscii("\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture), output); break;
        }
    }

    private static void WriteUtf8(ReadOnlySpan<char> chars, IBufferWriter<byte> output)
    {
        if (chars.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(chars.Length));
        output.Advance(Encoding.UTF8.GetBytes(chars, span));
    }

    private static void WriteAscii(string text, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }

    private static void WriteByte(byte b, IBufferWriter<byte> output)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }
}
