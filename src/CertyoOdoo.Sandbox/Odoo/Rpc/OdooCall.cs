using System.Text.Json.Nodes;

namespace CertyoOdoo.Sandbox.Odoo.Rpc;

/// <summary>Which protocol carried a call (errors and some messages differ).</summary>
internal enum OdooProtocolKind
{
    XmlRpc,
    JsonRpc,
    Json2,
}

/// <summary>
/// One model method call. XML-RPC and JSON-RPC give positional <see cref="Args"/> (ids first for
/// record methods) and <see cref="Kwargs"/>; JSON-2 gives <see cref="Ids"/> and named arguments only.
/// </summary>
internal sealed record OdooCall(
    string Model,
    string Method,
    JsonArray Args,
    JsonObject Kwargs,
    OdooSimulatorUser User,
    OdooProtocolKind Protocol,
    JsonArray? Ids = null);
