using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertyoOdoo.Sandbox.Odoo.Rpc;

/// <summary>
/// JSON text as Python's json.dumps writes it (what Odoo sends): ", " and ": " separators, floats
/// always with a decimal point (15.0), non-ASCII escaped; optionally with keys sorted, or compact
/// (separators=(",", ":"), as the certyo_connector module writes its notifications).
/// </summary>
internal static class PyJson
{
    public static string Dumps(JsonNode? node, bool sortKeys = false, bool compact = false)
    {
        var sb = new StringBuilder();
        Write(sb, node, sortKeys, compact ? "," : ", ", compact ? ":" : ": ");
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node, bool sortKeys, string itemSeparator, string keySeparator)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(itemSeparator);
                    }

                    Write(sb, array[i], sortKeys, itemSeparator, keySeparator);
                }

                sb.Append(']');
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                IEnumerable<KeyValuePair<string, JsonNode?>> members = sortKeys ? obj.OrderBy(p => p.Key, StringComparer.Ordinal) : obj;
                foreach (var (key, value) in members)
                {
                    if (!first)
                    {
                        sb.Append(itemSeparator);
                    }

                    first = false;
                    WriteString(sb, key);
                    sb.Append(keySeparator);
                    Write(sb, value, sortKeys, itemSeparator, keySeparator);
                }

                sb.Append('}');
                break;
            case JsonValue value:
                WriteScalar(sb, value);
                break;
        }
    }

    private static void WriteScalar(StringBuilder sb, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(sb, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            case JsonValueKind.Number when JsonValues.IsInteger(value):
                sb.Append(JsonValues.ToLong(value).ToString(CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.Number:
                var d = JsonValues.ToDouble(value);
                sb.Append(double.IsFinite(d) ? PyRepr.Float(d) : d > 0 ? "Infinity" : double.IsNaN(d) ? "NaN" : "-Infinity");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    private static void WriteString(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < ' ' || c > '~')
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
