namespace CertyoOdoo.Sandbox.Odoo;

/// <summary>Settings of the Odoo simulator (section <c>Sandbox:Odoo</c>).</summary>
public sealed class OdooSimulatorOptions
{
    public const string Section = "Sandbox:Odoo";

    /// <summary>Odoo series to imitate: 16, 17, 18 or 19.</summary>
    public int Version { get; set; } = 17;

    /// <summary>The one database the server holds.</summary>
    public string Database { get; set; } = "demo";

    /// <summary>Users; when none are configured, admin/admin with API key admin (uid 2).</summary>
    public List<OdooSimulatorUser> Users { get; set; } = [];

    /// <summary>Added to every RPC call.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Share of calls (0..1) failing with a transient error (502/503 page or serialization failure).</summary>
    public double ErrorRate { get; set; }

    /// <summary>Whether the x_certyo_* fields exist, as when the module is installed.</summary>
    public bool CertyoFields { get; set; } = true;

    /// <summary>Models that get the x_certyo_* fields; empty means the module's: picking, manufacturing order, lot (and quality check where it exists).</summary>
    public List<string> CertyoFieldModels { get; set; } = [];

    /// <summary>Seed for the random choices (error injection, rollbacks), for reproducible runs.</summary>
    public int RandomSeed { get; set; } = 17;

    public OdooSeedOptions Seed { get; set; } = new();

    public OdooWebhookOptions Webhooks { get; set; } = new();

    internal IReadOnlyList<OdooSimulatorUser> EffectiveUsers =>
        Users.Count > 0 ? Users : [new OdooSimulatorUser()];
}

/// <summary>One Odoo user the simulator accepts.</summary>
public sealed class OdooSimulatorUser
{
    public int Id { get; set; } = 2;
    public string Login { get; set; } = "admin";
    public string Password { get; set; } = "admin";
    public string ApiKey { get; set; } = "admin";
    public string Name { get; set; } = "Mitchell Admin";
    public string Tz { get; set; } = "Europe/Brussels";
}

/// <summary>How much demo data to seed.</summary>
public sealed class OdooSeedOptions
{
    public int DonePickings { get; set; } = 10;
    public int ReadyPickings { get; set; } = 10;
    public int LinesPerPicking { get; set; } = 2;
    public int Productions { get; set; } = 4;
    public int ReadyProductions { get; set; } = 3;
}

/// <summary>Which notification Odoo sends when a picking or manufacturing order becomes done.</summary>
public enum OdooWebhookStyle
{
    /// <summary>Odoo 17+'s "Send Webhook Notification" server action (token in the URL, no signature).</summary>
    Native,

    /// <summary>The certyo_connector module: one signed POST per transaction and model, after commit.</summary>
    Module,
}

/// <summary>Notification settings; nothing is sent while <see cref="Url"/> is empty.</summary>
public sealed class OdooWebhookOptions
{
    public Uri? Url { get; set; }
    public OdooWebhookStyle Style { get; set; } = OdooWebhookStyle.Native;

    /// <summary>HMAC secret of the module style.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Fields in native bodies; empty means name, origin, state and the model's done date.</summary>
    public List<string> Fields { get; set; } = [];

    /// <summary>Share (0..1) of validations that, on 17/18, post native webhooks and then roll back.</summary>
    public double RollbackRate { get; set; }
}
