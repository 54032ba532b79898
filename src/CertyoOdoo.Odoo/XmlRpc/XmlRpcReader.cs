using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Xml;

namespace CertyoOdoo.Odoo.XmlRpc;

/// <summary>
/// Reads XML-RPC messages into JSON with a streaming <see cref="XmlReader"/> (no DOM): values are
/// written straight into a <see cref="Utf8JsonWriter"/>, so a large response costs about its JSON size.
/// </summary>
/// <remarks>
/// int/i4/i8 → number; boolean → true/false; string and untyped <c>&lt;value&gt;text&lt;/value&gt;</c> → string;
/// double → number (Python <c>repr</c> text, so <c>5.0</c> stays a double on the way back);
/// dateTime.iso8601 → string as sent; base64 → string (the base64 text); struct → object;
/// array → array; nil → null. Malformed input throws <see cref="XmlRpcFormatException"/>.
/// </remarks>
public static class XmlRpcReader
{
    private const int MaxDepth = 256;

    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        // Odoo data is not embedded in HTML here; keep non-ASCII text as is.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>
    /// Reads a <c>methodResponse</c>. On success the returned value is written to <paramref name="result"/>
    /// and null is returned; on a fault nothing is written and the fault is returned.
    /// </summary>
    public static async Task<XmlRpcFault?> ReadMethodResponseAsync(Stream input, Utf8JsonWriter result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            using var reader = XmlReader.Create(input, Settings);
            await MoveToStartAsync(reader, "methodResponse", cancellationToken);
            await NextElementAsync(reader, cancellationToken);
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "fault")
            {
                return await ReadFaultAsync(reader, cancellationToken);
            }

            Expect(reader, "params");
            var wrote = false;
            if (!reader.IsEmptyElement)
            {
                await NextElementAsync(reader, cancellationToken);
                if (reader.NodeType == XmlNodeType.Element)
                {
                    Expect(reader, "param");
                    await NextElementAsync(reader, cancellationToken);
                    Expect(reader, "value");
                    await ReadValueAsync(reader, result, 0, cancellationToken);
                    wrote = true;
                }
            }

            if (!wrote)
            {
                result.WriteNullValue();
            }

            result.Flush();
            return null;
        }
        catch (XmlException ex)
        {
            throw new XmlRpcFormatException($"Malformed XML-RPC response: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a <c>methodResponse</c> into a <see cref="JsonDocument"/> or a fault.</summary>
    public static async Task<XmlRpcResponse> ReadMethodResponseAsync(Stream input, CancellationToken cancellationToken = default)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        XmlRpcFault? fault;
        await using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            fault = await ReadMethodResponseAsync(input, writer, cancellationToken);
        }

        return fault is null ? new XmlRpcResponse(JsonDocument.Parse(buffer.WrittenMemory), null) : new XmlRpcResponse(null, fault);
    }

    /// <summary>Reads a <c>methodCall</c>: its name and its params as one JSON array.</summary>
    public static async Task<XmlRpcMethodCall> ReadMethodCallAsync(Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var buffer = new ArrayBufferWriter<byte>(1024);
        string methodName;
        try
        {
            using var reader = XmlReader.Create(input, Settings);
            await using var writer = new Utf8JsonWriter(buffer, WriterOptions);
            await MoveToStartAsync(reader, "methodCall", cancellationToken);
            await NextElementAsync(reader, cancellationToken);
            Expect(reader, "methodName");
            methodName = (await reader.ReadElementContentAsStringAsync()).Trim();
            writer.WriteStartArray();
            if (reader.NodeType != XmlNodeType.Element)
            {
                await NextElementAsync(reader, cancellationToken);
            }

            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "params" && !reader.IsEmptyElement)
            {
                while (true)
                {
                    await NextElementAsync(reader, cancellationToken);
                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        break;
                    }

                    Expect(reader, "param");
                    await NextElementAsync(reader, cancellationToken);
                    Expect(reader, "value");
                    await ReadValueAsync(reader, writer, 0, cancellationToken);
                    await SkipToEndOfAsync(reader, "param", cancellationToken);
                }
            }

            writer.WriteEndArray();
        }
        catch (XmlException ex)
        {
            throw new XmlRpcFormatException($"Malformed XML-RPC call: {ex.Message}", ex);
        }

        return new XmlRpcMethodCall(methodName, JsonDocument.Parse(buffer.WrittenMemory));
    }

    /// <summary>Reads a <c>methodCall</c> held in memory.</summary>
    public static XmlRpcMethodCall ReadMethodCall(ReadOnlyMemory<byte> xml)
    {
        // A memory stream completes every read synchronously, so blocking here cannot deadlock.
        using var stream = new MemoryStream(xml.ToArray(), writable: false);
        return ReadMethodCallAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static async Task<XmlRpcFault> ReadFaultAsync(XmlReader reader, CancellationToken cancellationToken)
    {
        await NextElementAsync(reader, cancellationToken);
        Expect(reader, "value");
        var buffer = new ArrayBufferWriter<byte>(512);
        await using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            await ReadValueAsync(reader, writer, 0, cancellationToken);
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new XmlRpcFormatException("The fault value is not a struct.");
        }

        var code = root.TryGetProperty("faultCode", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var ci) ? ci : 0;
        var message = root.TryGetProperty("faultString", out var s) ? s.ValueKind == JsonValueKind.String ? s.GetString()! : s.GetRawText() : "";
        return new XmlRpcFault(code, message);
    }

    // Reader is on <value>; on return it is past </value>.
    private static async Task ReadValueAsync(XmlReader reader, Utf8JsonWriter writer, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxDepth)
        {
            throw new XmlRpcFormatException("The XML-RPC value is nested too deeply.");
        }

        if (reader.IsEmptyElement)
        {
            writer.WriteStringValue("");
            await reader.ReadAsync();
            return;
        }

        StringBuilder? text = null;
        var typed = false;
        await reader.ReadAsync();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (!typed)
                    {
                        (text ??= new StringBuilder()).Append(reader.Value);
                    }

                    await reader.ReadAsync();
                    break;
                case XmlNodeType.Element when !typed:
                    typed = true;
                    await ReadTypedAsync(reader, writer, depth, cancellationToken);
                    break;
                case XmlNodeType.Element:
                    throw new XmlRpcFormatException($"Unexpected <{reader.LocalName}> after a typed value.");
                case XmlNodeType.EndElement:
                    if (!typed)
                    {
                        writer.WriteStringValue(text?.ToString() ?? "");
                    }

                    await reader.ReadAsync();
                    return;
                case XmlNodeType.None:
                    throw new XmlRpcFormatException("Unexpected end of the XML-RPC document.");
                default:
                    await reader.ReadAsync();
                    break;
            }
        }
    }

    // Reader is on the type element (<int>, <struct>, ...); on return it is past its end.
    private static async Task ReadTypedAsync(XmlReader reader, Utf8JsonWriter writer, int depth, CancellationToken cancellationToken)
    {
        var name = reader.LocalName;
        switch (name)
        {
            case "string" or "dateTime.iso8601":
                writer.WriteStringValue(await ContentAsync(reader));
                break;
            case "int" or "i4" or "i8":
            {
                var s = (await ContentAsync(reader)).Trim();
                if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    throw new XmlRpcFormatException($"Bad <{name}> value '{s}'.");
                }

                writer.WriteNumberValue(l);
                break;
            }

            case "boolean":
            {
                var s = (await ContentAsync(reader)).Trim();
                writer.WriteBooleanValue(s switch
                {
                    "1" or "true" => true,
                    "0" or "false" => false,
                    _ => throw new XmlRpcFormatException($"Bad <boolean> value '{s}'."),
                });
                break;
            }

            case "double":
            {
                var s = (await ContentAsync(reader)).Trim();
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                {
                    throw new XmlRpcFormatException($"Bad <double> value '{s}'.");
                }

                if (double.IsFinite(d))
                {
                    // Raw Python form keeps the fraction (5.0), so the value is still a double when written back.
                    writer.WriteRawValue(PythonFloat.Format(d), skipInputValidation: true);
                }
                else
                {
                    writer.WriteStringValue(s);
                }

                break;
            }

            case "base64":
                writer.WriteStringValue(StripWhitespace(await ContentAsync(reader)));
                break;
            case "nil":
                writer.WriteNullValue();
                await SkipElementAsync(reader);
                break;
            case "struct":
                await ReadStructAsync(reader, writer, depth, cancellationToken);
                break;
            case "array":
                await ReadArrayAsync(reader, writer, depth, cancellationToken);
                break;
            default:
                throw new XmlRpcFormatException($"Unknown XML-RPC type <{name}>.");
        }
    }

    private static async Task ReadStructAsync(XmlReader reader, Utf8JsonWriter writer, int depth, CancellationToken cancellationToken)
    {
        writer.WriteStartObject();
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync();
            writer.WriteEndObject();
            return;
        }

        while (true)
        {
            await NextElementAsync(reader, cancellationToken);
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                break;
            }

            Expect(reader, "member");
            await NextElementAsync(reader, cancellationToken);
            Expect(reader, "name");
            writer.WritePropertyName(await ContentAsync(reader));
            await NextElementAsync(reader, cancellationToken, advanceFirst: false);
            Expect(reader, "value");
            await ReadValueAsync(reader, writer, depth + 1, cancellationToken);
            await SkipToEndOfAsync(reader, "member", cancellationToken);
        }

        await reader.ReadAsync();
        writer.WriteEndObject();
    }

    private static async Task ReadArrayAsync(XmlReader reader, Utf8JsonWriter writer, int depth, CancellationToken cancellationToken)
    {
        writer.WriteStartArray();
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync();
            writer.WriteEndArray();
            return;
        }

        await NextElementAsync(reader, cancellationToken);
        if (reader.NodeType == XmlNodeType.Element)
        {
            Expect(reader, "data");
            if (reader.IsEmptyElement)
            {
                await reader.ReadAsync();
            }
            else
            {
                await NextElementAsync(reader, cancellationToken);
                while (reader.NodeType == XmlNodeType.Element)
                {
                    Expect(reader, "value");
                    await ReadValueAsync(reader, writer, depth + 1, cancellationToken);
                    await NextElementAsync(reader, cancellationToken, advanceFirst: false);
                }

                await reader.ReadAsync(); // past </data>
            }

            await SkipToEndOfAsync(reader, "array", cancellationToken);
        }

        await reader.ReadAsync(); // past </array>
        writer.WriteEndArray();
    }

    // Element text; the reader ends past the element's end tag.
    private static async Task<string> ContentAsync(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync();
            return "";
        }

        return await reader.ReadElementContentAsStringAsync();
    }

    private static async Task SkipElementAsync(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            await reader.ReadAsync();
        }
        else
        {
            await reader.SkipAsync();
        }
    }

    private static async Task MoveToStartAsync(XmlReader reader, string name, CancellationToken cancellationToken)
    {
        await NextElementAsync(reader, cancellationToken);
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != name)
        {
            throw new XmlRpcFormatException($"Expected <{name}>, found {Describe(reader)}.");
        }
    }

    // Moves to the next start or end element, skipping text between elements.
    private static async Task NextElementAsync(XmlReader reader, CancellationToken cancellationToken, bool advanceFirst = true)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (advanceFirst && !await reader.ReadAsync())
        {
            return;
        }

        while (reader.NodeType is not (XmlNodeType.Element or XmlNodeType.EndElement))
        {
            if (!await reader.ReadAsync())
            {
                return;
            }
        }
    }

    // Leaves the reader past the end tag of the enclosing <name>, ignoring whitespace before it.
    private static async Task SkipToEndOfAsync(XmlReader reader, string name, CancellationToken cancellationToken)
    {
        await NextElementAsync(reader, cancellationToken, advanceFirst: false);
        if (reader.NodeType != XmlNodeType.EndElement || reader.LocalName != name)
        {
            throw new XmlRpcFormatException($"Expected </{name}>, found {Describe(reader)}.");
        }
    }

    private static void Expect(XmlReader reader, string name)
    {
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != name)
        {
            throw new XmlRpcFormatException($"Expected <{name}>, found {Describe(reader)}.");
        }
    }

    private static string Describe(XmlReader reader) => reader.NodeType switch
    {
        XmlNodeType.Element => $"<{reader.LocalName}>",
        XmlNodeType.EndElement => $"</{reader.LocalName}>",
        XmlNodeType.None => "the end of the document",
        _ => reader.NodeType.ToString(),
    };

    private static string StripWhitespace(string s)
    {
        if (!s.AsSpan().ContainsAny(" \t\r\n"))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            if (!char.IsWhiteSpace(ch))
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }
}
