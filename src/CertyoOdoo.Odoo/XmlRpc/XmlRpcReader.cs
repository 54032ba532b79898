using System.Buffers;
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
            await XmlRpcValueReader.MoveToStartAsync(reader, "methodResponse", cancellationToken);
            await XmlRpcValueReader.NextElementAsync(reader, cancellationToken);
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "fault")
            {
                return await ReadFaultAsync(reader, cancellationToken);
            }

            XmlRpcValueReader.Expect(reader, "params");
            var wrote = false;
            if (!reader.IsEmptyElement)
            {
                await XmlRpcValueReader.NextElementAsync(reader, cancellationToken);
                if (reader.NodeType == XmlNodeType.Element)
                {
                    XmlRpcValueReader.Expect(reader, "param");
                    await XmlRpcValueReader.NextElementAsync(reader, cancellationToken);
                    XmlRpcValueReader.Expect(reader, "value");
                    await XmlRpcValueReader.ReadValueAsync(reader, result, 0, cancellationToken);
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
            await XmlRpcValueReader.MoveToStartAsync(reader, "methodCall", cancellationToken);
            await XmlRpcValueReader.NextElementAsync(reader, cancellationToken);
            XmlRpcValueReader.Expect(reader, "methodName");
            methodName = (await reader.ReadElementContentAsStringAsync()).Trim();
            writer.WriteStartArray();
            if (reader.NodeType != XmlNodeType.Element)
            {
                await XmlRpcValueReader.NextElementAsync(reader, cancellationToken);
            }

            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "params" && !reader.IsEmptyElement)
            {
                while (true)
                {
                    await XmlRpcValueReader.NextElementAsync(reader, cancellationToken);
                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        break;
                    }

                    XmlRpcValueReader.Expect(reader, "param");
                    await XmlRpcValueReader.NextElementAsync(reader, cancellationToken);
                    XmlRpcValueReader.Expect(reader, "value");
                    await XmlRpcValueReader.ReadValueAsync(reader, writer, 0, cancellationToken);
                    await XmlRpcValueReader.SkipToEndOfAsync(reader, "param", cancellationToken);
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
        await XmlRpcValueReader.NextElementAsync(reader, cancellationToken);
        XmlRpcValueReader.Expect(reader, "value");
        var buffer = new ArrayBufferWriter<byte>(512);
        await using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            await XmlRpcValueReader.ReadValueAsync(reader, writer, 0, cancellationToken);
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
}
