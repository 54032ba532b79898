using System.Text.Json;

namespace CertyoOdoo.Odoo.Transport;

/// <summary>One of Odoo's external APIs. Results are detached JSON (safe to keep); errors are typed.</summary>
internal interface IOdooTransport
{
    OdooProtocol Protocol { get; }

    /// <summary>Calls a model method as the configured user (<paramref name="uid"/> is unused by JSON-2).</summary>
    Task<JsonElement> ExecuteAsync(OdooCall call, int uid, CancellationToken cancellationToken);

    /// <summary>Checks the credentials and answers the user id.</summary>
    Task<int> AuthenticateAsync(CancellationToken cancellationToken);
}
