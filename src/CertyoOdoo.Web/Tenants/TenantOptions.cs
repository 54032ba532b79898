using CertyoOdoo.Certyo.Client;
using CertyoOdoo.Odoo;

namespace CertyoOdoo.Web.Tenants;

/// <summary>All tenants, bound from the <c>Tenants</c> section: <c>Tenants:{name}:...</c>.</summary>
internal sealed class TenantsOptions
{
    public const string SectionName = "Tenants";

    /// <summary>By tenant name (case-insensitive; the configured spelling is the canonical one).</summary>
    public Dictionary<string, TenantOptions> Tenants { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One customer: an Odoo database, a Certyo tenant, a webhook secret, the models to anchor.</summary>
internal sealed class TenantOptions
{
    public TenantOdooOptions Odoo { get; set; } = new();
    public TenantCertyoOptions Certyo { get; set; } = new();
    public TenantWebhookOptions Webhook { get; set; } = new();

    /// <summary>
    /// Models to anchor, by Odoo model name. Empty means the defaults (stock.picking and
    /// mrp.production); a listed model can be switched off with <c>Enabled: false</c>.
    /// </summary>
    public Dictionary<string, ModelOptions> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The enabled models with their options, defaults applied.</summary>
    public IReadOnlyDictionary<string, ModelOptions> EnabledModels()
    {
        if (Models.Count == 0)
        {
            return ModelCatalog.DefaultModels.ToDictionary(m => m, _ => new ModelOptions(), StringComparer.Ordinal);
        }

        return Models.Where(m => m.Value.Enabled).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
    }
}

/// <summary><c>Tenants:{name}:Odoo</c>.</summary>
internal sealed class TenantOdooOptions
{
    public Uri? Url { get; set; }
    public string Database { get; set; } = "";
    public string Login { get; set; } = "";

    /// <summary>API key (or password). Never logged.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>auto, xmlrpc, jsonrpc or json2.</summary>
    public string Protocol { get; set; } = "auto";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    public OdooConnectionOptions ToConnectionOptions() => new()
    {
        Url = Url,
        Database = Database,
        Login = Login,
        ApiKey = ApiKey,
        Protocol = ParseProtocol(Protocol) ?? OdooProtocol.Auto,
        Timeout = Timeout,
    };

    public static OdooProtocol? ParseProtocol(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "" or null or "auto" => OdooProtocol.Auto,
        "xmlrpc" => OdooProtocol.XmlRpc,
        "jsonrpc" => OdooProtocol.JsonRpc,
        "json2" => OdooProtocol.Json2,
        _ => null,
    };
}

/// <summary><c>Tenants:{name}:Certyo</c>.</summary>
internal sealed class TenantCertyoOptions
{
    public Uri? BaseUrl { get; set; }

    /// <summary>Sent as X-API-Key. Never logged.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The customer's Certyo tenant id.</summary>
    public string TenantId { get; set; } = "";

    /// <summary>Attempts per Certyo call (transient failures), the first included.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Time budget of one Certyo call, retries included; the ledger retries beyond it.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public CertyoClientOptions ToClientOptions() => new()
    {
        BaseUrl = BaseUrl,
        ApiKey = ApiKey,
        MaxAttempts = MaxAttempts,
        TotalTimeout = TotalTimeout,
        AttemptTimeout = TotalTimeout < TimeSpan.FromSeconds(20) ? TotalTimeout : TimeSpan.FromSeconds(20),
    };
}

/// <summary><c>Tenants:{name}:Webhook</c>. No secret means no webhooks: the tenant is polled only.</summary>
internal sealed class TenantWebhookOptions
{
    /// <summary>HMAC key of module-signed notifications and the <c>?token=</c> of native ones. Never logged.</summary>
    public string Secret { get; set; } = "";
}

/// <summary><c>Tenants:{name}:Models:{model}</c>.</summary>
internal sealed class ModelOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>More Odoo fields copied into the payload under <c>extra</c>.</summary>
    public List<string> ExtraFields { get; set; } = [];

    public string RecordHashField { get; set; } = "x_certyo_record_hash";
    public string AnchorStatusField { get; set; } = "x_certyo_anchor_status";
    public string AnchoredAtField { get; set; } = "x_certyo_anchored_at";
}
