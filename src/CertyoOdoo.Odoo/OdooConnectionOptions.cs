namespace CertyoOdoo.Odoo;

/// <summary>How to reach one Odoo database.</summary>
public sealed class OdooConnectionOptions
{
    /// <summary>Base URL, e.g. https://mycompany.odoo.com.</summary>
    public Uri? Url { get; set; }
    public string Database { get; set; } = "";
    public string Login { get; set; } = "";

    /// <summary>API key (or password). Never logged.</summary>
    public string ApiKey { get; set; } = "";
    public OdooProtocol Protocol { get; set; } = OdooProtocol.Auto;

    /// <summary>Per-call timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>Which external API to speak.</summary>
public enum OdooProtocol
{
    /// <summary>JSON-2 on 19+, JSON-RPC before (read from the server's version once).</summary>
    Auto,
    XmlRpc,
    JsonRpc,
    Json2,
}
