using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Rpc;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Sandbox.Odoo.Protocols;

/// <summary>
/// The services behind /xmlrpc/2/{service} and /jsonrpc: common (version, authenticate, login),
/// object (execute_kw, execute) and db (list, server_version).
/// </summary>
internal sealed class ServiceDispatcher(ModelService models, IOptions<OdooSimulatorOptions> options)
{
    private OdooSimulatorOptions Settings => options.Value;

    public static JsonObject VersionInfo(int version) => new()
    {
        ["server_version"] = version switch { 17 => "17.0-20240709", 18 => "18.0-20250702", _ => $"{version}.0" },
        ["server_version_info"] = new JsonArray(version, 0, 0, "final", 0, ""),
        ["server_serie"] = $"{version}.0",
        ["protocol_version"] = 1,
    };

    /// <summary>The model and method an object call targets, for statistics ("" when not an object call).</summary>
    public static (string Model, string Method) Target(string service, string method, JsonArray args) =>
        service == "object" && args.Count >= 5 ? (JsonValues.AsString(args[3]) ?? "", JsonValues.AsString(args[4]) ?? "") : (service, method);

    public async Task<JsonNode?> DispatchAsync(string service, string method, JsonArray args, OdooProtocolKind protocol, CancellationToken cancellationToken)
    {
        switch (service, method)
        {
            case ("common", "version"):
                return VersionInfo(Settings.Version);
            case ("common", "authenticate" or "login"):
                CheckDatabase(Arg(args, 0, method));
                var user = Settings.EffectiveUsers.FirstOrDefault(u => u.Login == JsonValues.AsString(Arg(args, 1, method)));
                var secret = JsonValues.AsString(Arg(args, 2, method));
                return user is not null && secret is not null && Matches(user, secret) ? user.Id : false;
            case ("object", "execute_kw" or "execute"):
                CheckDatabase(Arg(args, 0, method));
                var caller = Authenticate(JsonValues.AsInt(Arg(args, 1, method)), JsonValues.AsString(Arg(args, 2, method)));
                var model = JsonValues.AsString(Arg(args, 3, method)) ?? "";
                var name = JsonValues.AsString(Arg(args, 4, method)) ?? "";
                JsonArray positional;
                JsonObject keywords;
                if (method == "execute_kw")
                {
                    positional = args.Count > 5 ? args[5] as JsonArray ?? throw Type("execute_kw() expects a list of arguments") : [];
                    keywords = args.Count > 6 && args[6] is not null ? args[6] as JsonObject ?? throw Type("execute_kw() expects a dictionary of keyword arguments") : [];
                }
                else
                {
                    positional = [.. args.Skip(5).Select(a => a?.DeepClone())];
                    keywords = [];
                }

                return await models.ExecuteAsync(new OdooCall(model, name, positional, keywords, caller, protocol), cancellationToken);
            case ("db", "list"):
                return new JsonArray(Settings.Database);
            case ("db", "server_version"):
                return VersionInfo(Settings.Version)["server_version"]!.DeepClone();
            default:
                throw new OdooError("builtins.Exception", $"Method not found: {method}");
        }
    }

    /// <summary>The user whose password or API key this is (API keys work in place of passwords).</summary>
    public OdooSimulatorUser Authenticate(int? uid, string? secret) =>
        Settings.EffectiveUsers.FirstOrDefault(u => u.Id == uid && secret is not null && Matches(u, secret)) ?? throw OdooError.AccessDenied();

    public OdooSimulatorUser? FindByApiKey(string key) =>
        Settings.EffectiveUsers.FirstOrDefault(u => FixedTimeEquals(u.ApiKey, key));

    public void CheckDatabase(JsonNode? database)
    {
        var name = JsonValues.AsString(database) ?? PyRepr.Of(database);
        if (name != Settings.Database)
        {
            throw new OdooError(OdooError.OperationalErrorType,
                $"connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: FATAL:  database \"{name}\" does not exist\n");
        }
    }

    private static bool Matches(OdooSimulatorUser user, string secret) =>
        FixedTimeEquals(user.Password, secret) || FixedTimeEquals(user.ApiKey, secret);

    private static bool FixedTimeEquals(string expected, string given) =>
        expected.Length > 0 && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(given));

    private static JsonNode? Arg(JsonArray args, int index, string method) =>
        index < args.Count ? args[index] : throw Type($"{method}() missing required positional argument {index + 1}");

    private static OdooError Type(string message) => new(OdooError.TypeErrorType, message);
}
