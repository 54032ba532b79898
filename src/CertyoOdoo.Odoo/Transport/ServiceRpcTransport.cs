using System.Text.Json;

namespace CertyoOdoo.Odoo.Transport;

/// <summary>
/// XML-RPC and JSON-RPC wrap the same <c>common</c> and <c>object</c> services with the same
/// positional arguments; only the envelope differs, so subclasses supply <see cref="CallAsync"/>.
/// </summary>
internal abstract class ServiceRpcTransport(OdooHttp odooHttp) : IOdooTransport
{
    protected OdooHttp Http => odooHttp;

    public abstract OdooProtocol Protocol { get; }

    public Task<JsonElement> ExecuteAsync(OdooCall call, int uid, CancellationToken cancellationToken)
    {
        var o = Http.Options;
        return CallAsync("object", "execute_kw", w =>
        {
            w.WriteStringValue(o.Database);
            w.WriteNumberValue(uid);
            w.WriteStringValue(o.ApiKey);
            w.WriteStringValue(call.Model);
            w.WriteStringValue(call.Method);
            call.WriteRpcArgs(w);
        }, call.Model, call.Method, cancellationToken);
    }

    public async Task<int> AuthenticateAsync(CancellationToken cancellationToken)
    {
        var o = Http.Options;
        var result = await CallAsync("common", "authenticate", w =>
        {
            w.WriteStringValue(o.Database);
            w.WriteStringValue(o.Login);
            w.WriteStringValue(o.ApiKey);
            w.WriteStartObject();
            w.WriteEndObject();
        }, null, "authenticate", cancellationToken);
        return RpcResults.Uid(result, o);
    }

    public async Task<OdooServerVersion> VersionAsync(CancellationToken cancellationToken) =>
        OdooServerVersionReader.FromJson(await CallAsync("common", "version", _ => { }, null, "version", cancellationToken));

    /// <summary>Calls <paramref name="method"/> of <paramref name="service"/> with the positional arguments <paramref name="writeArgs"/> writes.</summary>
    protected abstract Task<JsonElement> CallAsync(
        string service,
        string method,
        Action<Utf8JsonWriter> writeArgs,
        string? model,
        string odooMethod,
        CancellationToken cancellationToken);
}
