using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CertyoOdoo.Odoo.Errors;

namespace CertyoOdoo.Odoo.Transport;

/// <summary>
/// JSON-2 (Odoo 19+): <c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c> with named arguments,
/// <c>Authorization: bearer &lt;key&gt;</c> and <c>X-Odoo-Database</c>; errors by HTTP status.
/// </summary>
internal sealed class Json2Transport(OdooHttp http, SecretScrubber scrubber) : IOdooTransport
{
    public OdooProtocol Protocol => OdooProtocol.Json2;

    public async Task<JsonElement> ExecuteAsync(OdooCall call, int uid, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(body))
        {
            call.WriteJson2Body(w);
        }

        var path = $"json/2/{Uri.EscapeDataString(call.Model)}/{Uri.EscapeDataString(call.Method)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, http.Resolve(path)) { Content = new ReadOnlyMemoryContent(body.WrittenMemory) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", http.Options.ApiKey);
        if (!string.IsNullOrEmpty(http.Options.Database))
        {
            request.Headers.Add("X-Odoo-Database", http.Options.Database);
        }

        return await http.SendAsync(request, async (response, token) =>
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var text = scrubber.Scrub(await OdooHttp.ReadErrorBodyAsync(response, token));
                throw OdooErrorMapper.FromJson2((int)response.StatusCode, text, call.Model, call.Method);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(token);
            try
            {
                using var doc = await JsonDocument.ParseAsync(stream, default, token);
                return doc.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new OdooTransportException($"Odoo's answer to {call.Model}.{call.Method} is not JSON: {ex.Message}", isTransient: false, ex);
            }
        }, cancellationToken);
    }

    /// <summary>JSON-2 has no login step: <c>res.users/context_get</c> checks the key and tells the uid.</summary>
    public async Task<int> AuthenticateAsync(CancellationToken cancellationToken)
    {
        var context = await ExecuteAsync(OdooCall.Create("res.users", "context_get"), 0, cancellationToken);
        return context.ValueKind == JsonValueKind.Object && context.TryGetProperty("uid", out var uid) && uid.TryGetInt32(out var id)
            ? id
            : throw new OdooAccessDeniedException("Odoo did not tell the user of the API key.");
    }

    /// <summary><c>GET /web/version</c>, served without authentication on 19+.</summary>
    public async Task<OdooServerVersion> VersionAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, http.Resolve("web/version"));
        return await http.SendAsync(request, async (response, token) =>
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw OdooErrorMapper.StatusFailure((int)response.StatusCode);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(token);
            try
            {
                using var doc = await JsonDocument.ParseAsync(stream, default, token);
                return OdooServerVersionReader.FromJson(doc.RootElement);
            }
            catch (JsonException ex)
            {
                throw new OdooTransportException($"GET /web/version did not answer JSON: {ex.Message}", isTransient: false, ex);
            }
        }, cancellationToken);
    }
}
