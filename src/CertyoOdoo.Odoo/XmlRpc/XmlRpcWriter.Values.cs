using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertyoOdoo.Odoo.XmlRpc;

/// <summary>Value writing: one <c>&lt;value&gt;</c> per JSON value, in Python's layout.</summary>
public static partial class XmlRpcWriter
{
    private static void WriteValue(IBufferWriter<byte> output, JsonElement value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException("The value is nested too deeply for XML-RPC.");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                String(output, value.GetString()!);
                break;
            case JsonValueKind.Number:
                if (value.TryGetInt64(out var l))
                {
                    Int(output, l);
                }
                else
                {
                    Double(output, value.GetDouble());
                }

                break;
            case JsonValueKind.True:
                Raw(output, "<value><boolean>1</boolean></value>\n"u8);
                break;
            case JsonValueKind.False:
                Raw(output, "<value><boolean>0</boolean></value>\n"u8);
                break;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                Nil(output);
                break;
            case JsonValueKind.Array:
                Raw(output, "<value><array><data>\n"u8);
                foreach (var item in value.EnumerateArray())
                {
                    WriteValue(output, item, depth + 1);
                }

                Raw(output, "</data></array></value>\n"u8);
                break;
            case JsonValueKind.Object:
                Raw(output, "<value><struct>\n"u8);
                foreach (var member in value.EnumerateObject())
                {
                    Raw(output, "<member>\n<name>"u8);
                    Text(output, member.Name);
                    Raw(output, "</name>\n"u8);
                    WriteValue(output, member.Value, depth + 1);
                    Raw(output, "</member>\n"u8);
                }

                Raw(output, "</struct></value>\n"u8);
                break;
            default:
                throw new InvalidOperationException($"Unsupported JSON value kind {value.ValueKind}.");
        }
    }

    private static void WriteValue(IBufferWriter<byte> output, JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException("The value is nested too deeply for XML-RPC.");
        }

        switch (node)
        {
            case null:
                Nil(output);
                break;
            case JsonObject obj:
                Raw(output, "<value><struct>\n"u8);
                foreach (var (name, child) in obj)
                {
                    Raw(output, "<member>\n<name>"u8);
                    Text(output, name);
                    Raw(output, "</name>\n"u8);
                    WriteValue(output, child, depth + 1);
                    Raw(output, "</member>\n"u8);
                }

                Raw(output, "</struct></value>\n"u8);
                break;
            case JsonArray array:
                Raw(output, "<value><array><data>\n"u8);
                foreach (var child in array)
                {
                    WriteValue(output, child, depth + 1);
                }

                Raw(output, "</data></array></value>\n"u8);
                break;
            case JsonValue value:
                WriteScalar(output, value);
                break;
            default:
                throw new InvalidOperationException($"Unsupported JSON node {node.GetType().Name}.");
        }
    }

    private static void WriteScalar(IBufferWriter<byte> output, JsonValue value)
    {
        // Most nodes hold a CLR primitive: test the common types directly (no text round trip).
        if (value.TryGetValue(out string? s))
        {
            String(output, s);
        }
        else if (value.TryGetValue(out int i))
        {
            Int(output, i);
        }
        else if (value.TryGetValue(out long l))
        {
            Int(output, l);
        }
        else if (value.TryGetValue(out double d))
        {
            Double(output, d);
        }
        else if (value.TryGetValue(out bool b))
        {
            Raw(output, b ? "<value><boolean>1</boolean></value>\n"u8 : "<value><boolean>0</boolean></value>\n"u8);
        }
        else if (value.TryGetValue(out decimal m))
        {
            Double(output, (double)m);
        }
        else if (value.TryGetValue(out float f))
        {
            Double(output, f);
        }
        else if (value.TryGetValue(out JsonElement element))
        {
            WriteValue(output, element, 0);
        }
        else
        {
            // Other CLR types (short, DateTime, enums, ...): their JSON text decides.
            using var doc = JsonDocument.Parse(value.ToJsonString());
            WriteValue(output, doc.RootElement, 0);
        }
    }

    private static void String(IBufferWriter<byte> output, string value)
    {
        Raw(output, "<value><string>"u8);
        Text(output, value);
        Raw(output, "</string></value>\n"u8);
    }

    private static void ResponseStart(IBufferWriter<byte> output, XmlRpcResponseFormat format) => Raw(
        output,
        format == XmlRpcResponseFormat.Odoo18
            ? "<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n<param>\n"u8
            : "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n"u8);

    private static void ResponseEnd(IBufferWriter<byte> output, XmlRpcResponseFormat format) => Raw(
        output,
        format == XmlRpcResponseFormat.Odoo18
            ? "</param>\n</params>\n\n</methodResponse>\n"u8
            : "</param>\n</params>\n</methodResponse>\n"u8);

    // Python's dump_nil writes no newline after the value (unlike every other type).
    private static void Nil(IBufferWriter<byte> output) => Raw(output, "<value><nil/></value>"u8);

    private static void Int(IBufferWriter<byte> output, long value)
    {
        Raw(output, "<value><int>"u8);
        Number(output, value);
        Raw(output, "</int></value>\n"u8);
    }

    private static void Double(IBufferWriter<byte> output, double value)
    {
        Raw(output, "<value><double>"u8);
        Text(output, PythonFloat.Format(value));
        Raw(output, "</double></value>\n"u8);
    }

    private static void Number(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(24);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    private static void Raw(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        var span = output.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        output.Advance(bytes.Length);
    }

    // Python's xml escape: only &, < and > (quotes stay as they are).
    private static void Text(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var i = text.IndexOfAny('&', '<', '>');
            var chunk = i < 0 ? text : text[..i];
            if (!chunk.IsEmpty)
            {
                Encoding.UTF8.GetBytes(chunk, output);
            }

            if (i < 0)
            {
                return;
            }

            Raw(output, text[i] switch { '&' => "&amp;"u8, '<' => "&lt;"u8, _ => "&gt;"u8 });
            text = text[(i + 1)..];
        }
    }
}
