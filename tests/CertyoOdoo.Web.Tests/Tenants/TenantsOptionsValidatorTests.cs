using CertyoOdoo.Web.Hosting;
using CertyoOdoo.Web.Jobs;
using CertyoOdoo.Web.Tenants;

namespace CertyoOdoo.Web.Tests.Tenants;

public sealed class TenantsOptionsValidatorTests
{
    private static TenantOptions Valid() => new()
    {
        Odoo = new() { Url = new Uri("https://odoo.example.com"), Database = "prod", Login = "certyo", ApiKey = "odoo-api-key-secret", Protocol = "auto" },
        Certyo = new() { BaseUrl = new Uri("https://www.certyos.com"), ApiKey = "certyo-api-key-secret", TenantId = "acme" },
        Webhook = new() { Secret = "a-webhook-secret-0123456789" },
    };

    private static List<string> Errors(TenantOptions tenant, string name = "acme")
    {
        var options = new TenantsOptions();
        options.Tenants[name] = tenant;
        var result = new TenantsOptionsValidator().Validate(null, options);
        return result.Failures?.ToList() ?? [];
    }

    [Fact]
    public void A_complete_tenant_is_valid() => Assert.Empty(Errors(Valid()));

    [Fact]
    public void Each_missing_setting_is_named()
    {
        var errors = Errors(new TenantOptions());
        foreach (var key in new[] { "Odoo:Url", "Odoo:Database", "Odoo:Login", "Odoo:ApiKey", "Certyo:BaseUrl", "Certyo:ApiKey", "Certyo:TenantId" })
        {
            Assert.Contains(errors, e => e.StartsWith($"Tenants:acme:{key} is required", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Wrong_values_say_what_is_allowed()
    {
        var t = Valid();
        t.Odoo.Protocol = "soap";
        t.Odoo.Url = new Uri("ftp://odoo.example.com");
        t.Webhook.Secret = "short";
        t.Models["sale.order"] = new ModelOptions();
        var errors = Errors(t, "bad name!");
        Assert.Contains(errors, e => e.Contains("Odoo:Protocol must be one of auto, xmlrpc, jsonrpc, json2 (got 'soap')"));
        Assert.Contains(errors, e => e.Contains("Odoo:Url must be an absolute http(s) URL"));
        Assert.Contains(errors, e => e.Contains("Webhook:Secret is too short"));
        Assert.Contains(errors, e => e.Contains("Models:sale.order is not a model the service can anchor (supported: stock.picking, mrp.production, quality.check, stock.lot)"));
        Assert.Contains(errors, e => e.Contains("letters, digits"));
    }

    [Fact]
    public void Messages_never_carry_secret_values()
    {
        var t = Valid();
        t.Odoo.Url = null;
        t.Webhook.Secret = "tiny-secret";
        var all = string.Join("\n", Errors(t));
        Assert.DoesNotContain("odoo-api-key-secret", all);
        Assert.DoesNotContain("certyo-api-key-secret", all);
        Assert.DoesNotContain("tiny-secret", all);
    }

    [Fact]
    public void Models_default_to_pickings_and_manufacturing_orders()
    {
        Assert.Equal(["mrp.production", "stock.picking"], Valid().EnabledModels().Keys.Order());
        var t = Valid();
        t.Models["stock.lot"] = new ModelOptions();
        t.Models["stock.picking"] = new ModelOptions { Enabled = false };
        Assert.Equal(["stock.lot"], t.EnabledModels().Keys);
    }

    [Fact]
    public void A_polling_only_tenant_needs_no_secret()
    {
        var t = Valid();
        t.Webhook.Secret = "";
        Assert.Empty(Errors(t));
    }

    [Fact]
    public void Storage_and_job_settings_are_checked()
    {
        var storage = new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = "postgres" });
        Assert.Contains("ConnectionStrings:Ledger is required when Storage:Provider is postgres", storage.FailureMessage);
        Assert.Contains("Storage:Provider must be sqlite or postgres (got 'mysql')",
            new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = "mysql" }).FailureMessage);
        var jobs = new JobOptionsValidator().Validate(null, new JobOptions { IngestBatchSize = 0, VerifyFirstDelay = TimeSpan.Zero });
        Assert.Contains("Jobs:IngestBatchSize must be between 1 and 1000 (got 0)", jobs.FailureMessage);
        Assert.Contains("Jobs:VerifyFirstDelay must be a positive duration", jobs.FailureMessage);
        Assert.True(new JobOptionsValidator().Validate(null, new JobOptions()).Succeeded);
    }
}
