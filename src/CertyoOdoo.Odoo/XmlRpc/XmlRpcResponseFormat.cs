namespace CertyoOdoo.Odoo.XmlRpc;

/// <summary>The envelope of a successful <c>methodResponse</c>, which changed in Odoo 18 (observed).</summary>
public enum XmlRpcResponseFormat
{
    /// <summary>16 and 17 (Python's <c>xmlrpc.client.dumps</c>): <c>&lt;?xml version='1.0'?&gt;</c>.</summary>
    Classic,

    /// <summary>18 and 19: <c>&lt;?xml version="1.0"?&gt;</c> and a blank line before <c>&lt;/methodResponse&gt;</c>.</summary>
    Odoo18,
}
