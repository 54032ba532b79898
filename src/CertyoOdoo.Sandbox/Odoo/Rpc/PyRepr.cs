using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertyoOdoo.Sandbox.Odoo.Rpc;

/// <summary>Python's repr() of JSON values, as Odoo's messages quote leaves and values.</summary>
internal static class PyRepr
{
    public static string Of(JsonNode? node) => node switch
    {
        null => "None",
        JsonArray array => "[" + string.Join(", ", array.Select(Of)) + "]",
        JsonObject obj => "{" + string.Join(", ", obj.Select(p => $"{Str(p.Key)}: {Of(p.Value)}")) + "}",
        JsonValue value => Scalar(value),
        _ => node.ToJsonString(),
    };

    public static string Tuple(JsonArray array) => "(" + string.Join(", ", array.Select(Of)) + (array.Count == 1 ? ",)" : ")");

    public static string Str(string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder().Append(quote);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                _ when c == quote => sb.Append('\\').Append(c),
                _ when c < ' ' => sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => sb.Append(c),
            };
        }

        return sb.Append(quote).ToString();
    }

    /// <summary>repr() of a float: shortest round trip, always with a decimal point or exponent.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e16)
        {
            return value.ToString("0", CultureInfo.InvariantCulture) + ".0";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return text;
        }

        var exponent = int.Parse(text.AsSpan(e + 1), CultureInfo.InvariantCulture);
        return $"{text[..e]}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
    }

    private static string Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => Str(value.GetValue<string>()),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null => "None",
        JsonValueKind.Number => JsonValues.IsInteger(value) ? JsonValues.ToLong(value).ToString(CultureInfo.InvariantCulture) : Float(JsonValues.ToDouble(value)),
        _ => value.ToJsonString(),
    };
}
