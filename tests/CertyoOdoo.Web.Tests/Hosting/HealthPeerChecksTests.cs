using CertyoOdoo.Testing;
using CertyoOdoo.Web.Hosting;
using CertyoOdoo.Web.Tenants;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Tests.Hosting;

/// <summary>The probes against the simulator of each protocol generation, over loopback.</summary>
public sealed class HealthPeerChecksTests
{
    [Theory]
    [InlineData(17, "auto")]
    [InlineData(19, "auto")]
    [InlineData(19, "jsonrpc")]
    public async Task The_odoo_probe_reads_the_version_without_credentials(int series, string protocol)
    {
        await using var sandbox = await SandboxServer.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:DatabasePath"] = ":memory:",
            ["Sandbox:Odoo:Version"] = series.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var checks = Checks(new TenantOptions { Odoo = { Url = sandbox.BaseAddress, Protocol = protocol } });

        var result = await checks.OdooAsync("t", CancellationToken.None);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.StartsWith($"{series}.", (string)result.Data["version"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sandbox-key", HealthStatus.Healthy)]
    [InlineData("wrong-key", HealthStatus.Unhealthy)]
    public async Task The_certyo_probe_proves_the_key(string key, HealthStatus expected)
    {
        await using var sandbox = await SandboxServer.StartAsync(new Dictionary<string, string?> { ["Sandbox:DatabasePath"] = ":memory:" });
        var checks = Checks(new TenantOptions { Certyo = { BaseUrl = sandbox.BaseAddress, ApiKey = key, TenantId = "t" } });

        var result = await checks.CertyoAsync("t", CancellationToken.None);

        Assert.Equal(expected, result.Status);
        Assert.DoesNotContain(key, result.Description ?? "", StringComparison.Ordinal);
    }

    private static HealthPeerChecks Checks(TenantOptions tenant)
    {
        var options = new TenantsOptions();
        options.Tenants["t"] = tenant;
        return new HealthPeerChecks(new PlainHttpClientFactory(), new StaticMonitor(options));
    }

    private sealed class PlainHttpClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new() { Timeout = TimeSpan.FromSeconds(10) };
    }

    private sealed class StaticMonitor(TenantsOptions value) : IOptionsMonitor<TenantsOptions>
    {
        public TenantsOptions CurrentValue => value;

        public TenantsOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<TenantsOptions, string?> listener) => null;
    }
}
