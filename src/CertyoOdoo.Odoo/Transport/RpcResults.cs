using System.Text.Json;
using CertyoOdoo.Odoo.Errors;

namespace CertyoOdoo.Odoo.Transport;

internal static class RpcResults
{
    /// <summary>authenticate answers the uid, or false for bad credentials (no fault).</summary>
    public static int Uid(JsonElement result, OdooConnectionOptions options)
    {
        if (result.ValueKind == JsonValueKind.Number && result.TryGetInt32(out var uid) && uid > 0)
        {
            return uid;
        }

        throw new OdooAccessDeniedException($"Odoo refused the login '{options.Login}' with the configured API key on database '{options.Database}'.")
        {
            Method = "authenticate",
        };
    }
}
