using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Tenants;

/// <summary>Checks every tenant at start; each message names the setting and what is wrong (never its value).</summary>
internal sealed class TenantsOptionsValidator : IValidateOptions<TenantsOptions>
{
    public ValidateOptionsResult Validate(string? name, TenantsOptions options)
    {
        var errors = new List<string>();
        foreach (var (tenant, t) in options.Tenants)
        {
            var p = $"Tenants:{tenant}";
            if (!IsTenantName(tenant))
            {
                errors.Add($"{p}: a tenant name may hold letters, digits, '-' and '_' only (it appears in the webhook URL).");
            }

            CheckUrl(errors, $"{p}:Odoo:Url", t.Odoo.Url, "the Odoo base URL, e.g. https://mycompany.odoo.com");
            Require(errors, $"{p}:Odoo:Database", t.Odoo.Database, "the Odoo database name");
            Require(errors, $"{p}:Odoo:Login", t.Odoo.Login, "the integration user's login");
            Require(errors, $"{p}:Odoo:ApiKey", t.Odoo.ApiKey, "an API key of the integration user (Settings > Users > API Keys)");
            if (TenantOdooOptions.ParseProtocol(t.Odoo.Protocol) is null)
            {
                errors.Add($"{p}:Odoo:Protocol must be one of auto, xmlrpc, jsonrpc, json2 (got '{t.Odoo.Protocol}').");
            }

            if (t.Odoo.Timeout <= TimeSpan.Zero)
            {
                errors.Add($"{p}:Odoo:Timeout must be positive.");
            }

            CheckUrl(errors, $"{p}:Certyo:BaseUrl", t.Certyo.BaseUrl, "Certyo's base URL, e.g. https://www.certyos.com");
            Require(errors, $"{p}:Certyo:ApiKey", t.Certyo.ApiKey, "the Certyo API key");
            Require(errors, $"{p}:Certyo:TenantId", t.Certyo.TenantId, "the customer's Certyo tenant id");
            if (t.Certyo.MaxAttempts is < 1 or > 20)
            {
                errors.Add($"{p}:Certyo:MaxAttempts must be between 1 and 20.");
            }

            if (t.Certyo.TotalTimeout <= TimeSpan.Zero)
            {
                errors.Add($"{p}:Certyo:TotalTimeout must be positive.");
            }

            if (t.Webhook.Secret.Length is > 0 and < 16)
            {
                errors.Add($"{p}:Webhook:Secret is too short: use at least 16 characters (or none for a polling-only tenant).");
            }

            foreach (var (model, m) in t.Models)
            {
                if (!ModelCatalog.IsSupported(model))
                {
                    errors.Add($"{p}:Models:{model} is not a model the service can anchor (supported: {string.Join(", ", ModelCatalog.Supported)}).");
                }

                foreach (var (field, value) in new[] { ("RecordHashField", m.RecordHashField), ("AnchorStatusField", m.AnchorStatusField), ("AnchoredAtField", m.AnchoredAtField) })
                {
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        errors.Add($"{p}:Models:{model}:{field} must name an Odoo field.");
                    }
                }

                if (m.ExtraFields.Any(string.IsNullOrWhiteSpace))
                {
                    errors.Add($"{p}:Models:{model}:ExtraFields holds an empty field name.");
                }
            }

            if (t.Models.Count > 0 && !t.Models.Values.Any(m => m.Enabled))
            {
                errors.Add($"{p}:Models enables no model: enable at least one of {string.Join(", ", ModelCatalog.Supported)}.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsTenantName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static void Require(List<string> errors, string key, string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{key} is required ({what}).");
        }
    }

    private static void CheckUrl(List<string> errors, string key, Uri? value, string what)
    {
        if (value is null)
        {
            errors.Add($"{key} is required ({what}).");
        }
        else if (!value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttp && value.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{key} must be an absolute http(s) URL ({what}).");
        }
    }
}
