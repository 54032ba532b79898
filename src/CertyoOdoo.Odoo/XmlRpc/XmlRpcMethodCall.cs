using System.Text.Json;

namespace CertyoOdoo.Odoo.XmlRpc;

/// <summary>
/// A parsed <c>methodCall</c>: the method name and its parameters as one JSON array
/// (<c>Parameters.RootElement[i]</c> is the i-th <c>param</c>). Dispose it to release the document.
/// </summary>
public sealed class XmlRpcMethodCall(string methodName, JsonDocument parameters) : IDisposable
{
    /// <summary>The <c>methodName</c>, e.g. <c>execute_kw</c>.</summary>
    public string MethodName { get; } = methodName;

    /// <summary>A JSON array holding one element per <c>param</c>.</summary>
    public JsonDocument Parameters { get; } = parameters;

    public void Dispose() => Parameters.Dispose();
}
