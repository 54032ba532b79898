using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CertyoOdoo.Odoo.Errors;

namespace CertyoOdoo.Odoo.Transport;

/// <summary>JSON-RPC: <c>POST /jsonrpc</c> wrapping the common and object services; errors arrive with HTTP 200.</summary>
internal sealed class JsonRpcTransport(OdooHttp http, SecretScrubber scrubber) : ServiceRpcTransport(http)
{
    private long _id;

    public override OdooProtocol Protocol => OdooProtocol.JsonRpc;

    protected override async Task<JsonElement> CallAsync(string service, string method, Action<Utf8JsonWriter> writeArgs, string? model, string odooMethod, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(body))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            w.WriteString("method", "call");
            w.WriteNumber("id", Interlocked.Increment(ref _id));
            w.WriteStartObject("params");
            w.WriteString("service", service);
            w.WriteString("method", method);
            w.WriteStartArray("args");
            writeArgs(w);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Http.Resolve("jsonrpc")) { Content = new ReadOnlyMemoryContent(body.WrittenMemory) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await Http.SendAsync(request, async (response, token) =>
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var failure = OdooErrorMapper.StatusFailure((int)response.StatusCode);
                failure.Model = model;
                failure.Method = odooMethod;
                throw failure;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(token);
            JsonDocument doc;
            try
            {
                doc = await JsonDocument.ParseAsync(stream, default, token);
            }
            catch (JsonException ex)
            {
                throw new OdooTransportException($"Odoo's answer to {model}.{odooMethod} is not JSON-RPC: {ex.Message}", isTransient: false, ex);
            }

            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
                {
                    using var scrubbed = JsonDocument.Parse(scrubber.Scrub(error.GetRawText()));
                    throw OdooErrorMapper.FromJsonRpcError(scrubbed.RootElement, model, odooMethod);
                }

                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("result", out var result))
                {
                    throw new OdooTransportException($"Odoo's answer to {model}.{odooMethod} has neither result nor error.", isTransient: false);
                }

                return result.Clone();
            }
        }, cancellationToken);
    }
}
