using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CertyoOdoo.Odoo.Errors;
using CertyoOdoo.Odoo.XmlRpc;

namespace CertyoOdoo.Odoo.Transport;

/// <summary>XML-RPC: <c>/xmlrpc/2/common</c> and <c>/xmlrpc/2/object</c> (execute_kw).</summary>
internal sealed class XmlRpcTransport(OdooHttp http, SecretScrubber scrubber) : ServiceRpcTransport(http)
{
    public override OdooProtocol Protocol => OdooProtocol.XmlRpc;

    protected override async Task<JsonElement> CallAsync(string service, string method, Action<Utf8JsonWriter> writeParams, string? model, string odooMethod, CancellationToken cancellationToken)
    {
        // Params are built as JSON (shared with JSON-RPC), then written as Python-shaped XML.
        var json = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartArray();
            writeParams(writer);
            writer.WriteEndArray();
        }

        var xml = new ArrayBufferWriter<byte>((json.WrittenCount * 3) + 256);
        using (var doc = JsonDocument.Parse(json.WrittenMemory))
        {
            XmlRpcWriter.WriteMethodCall(xml, method, doc.RootElement);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Http.Resolve("xmlrpc/2/" + service)) { Content = new ReadOnlyMemoryContent(xml.WrittenMemory) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        return await Http.SendAsync(request, async (response, token) =>
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw Annotated(OdooErrorMapper.StatusFailure((int)response.StatusCode), model, odooMethod);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(token);
            XmlRpcResponse parsed;
            try
            {
                parsed = await XmlRpcReader.ReadMethodResponseAsync(stream, token);
            }
            catch (XmlRpcFormatException ex)
            {
                throw new OdooTransportException($"Odoo's answer to {model}.{odooMethod} is not XML-RPC: {ex.Message}", isTransient: false, ex);
            }

            using (parsed)
            {
                if (parsed.Fault is { } fault)
                {
                    throw OdooErrorMapper.FromFault(fault with { Message = scrubber.Scrub(fault.Message) }, model, odooMethod);
                }

                return parsed.Result!.RootElement.Clone();
            }
        }, cancellationToken);
    }

    private static OdooTransportException Annotated(OdooTransportException ex, string? model, string method)
    {
        ex.Model = model;
        ex.Method = method;
        return ex;
    }
}
