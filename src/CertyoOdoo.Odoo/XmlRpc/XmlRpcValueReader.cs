using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace CertyoOdoo.Odoo.XmlRpc;

/// <summary>Walks one XML-RPC <c>&lt;value&gt;</c> (recursively) and writes it as JSON; plus the navigation helpers.</summary>
internal static class XmlRpcValueReader
{
    private const int MaxDepth = 256;

    // Reader is on <value>; on return it is past </value>.
    internal static async Task ReadValueAsync(XmlReader reader, Utf8JsonWriter writer, int depth, CancellationToken cancellationToken)
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

    internal static async Task MoveToStartAsync(XmlReader reader, string name, CancellationToken cancellationToken)
    {
        await NextElementAsync(reader, cancellationToken);
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != name)
        {
            throw new XmlRpcFormatException($"Expected <{name}>, found {Describe(reader)}.");
        }
    }

    // Moves to the next start or end element, skipping text between elements.
    internal static async Task NextElementAsync(XmlReader reader, CancellationToken cancellationToken, bool advanceFirst = true)
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
    internal static async Task SkipToEndOfAsync(XmlReader reader, string name, CancellationToken cancellationToken)
    {
        await NextElementAsync(reader, cancellationToken, advanceFirst: false);
        if (reader.NodeType != XmlNodeType.EndElement || reader.LocalName != name)
        {
            throw new XmlRpcFormatException($"Expected </{name}>, found {Describe(reader)}.");
        }
    }

    internal static void Expect(XmlReader reader, string name)
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
