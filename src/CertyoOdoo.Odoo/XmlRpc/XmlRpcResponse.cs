using System.Text.Json;

namespace CertyoOdoo.Odoo.XmlRpc;

/// <summary>
/// A parsed <c>methodResponse</c>: either <see cref="Result"/> (the single returned value as JSON)
/// or <see cref="Fault"/>. Dispose it to release the JSON document.
/// </summary>
public sealed class XmlRpcResponse : IDisposable
{
    internal XmlRpcResponse(JsonDocument? result, XmlRpcFault? fault)
    {
        Result = result;
        Fault = fault;
    }

    /// <summary>The returned value; null when the response is a fault.</summary>
    public JsonDocument? Result { get; }

    /// <summary>The fault; null when the call succeeded.</summary>
    public XmlRpcFault? Fault { get; }

    public void Dispose() => Result?.Dispose();
}
