using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Hosting;

/// <summary>One tenant's Odoo or Certyo, probed through <see cref="HealthResultCache"/>.</summary>
internal sealed class HealthTenantCheck(string tenant, string peer, HealthPeerChecks peers, HealthResultCache cache, IOptionsMonitor<HealthOptions> options)
    : IHealthCheck
{
    public const string Odoo = "odoo";
    public const string Certyo = "certyo";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await cache.GetAsync($"{peer}:{tenant}", ct => peer == Odoo ? peers.OdooAsync(tenant, ct) : peers.CertyoAsync(tenant, ct), cancellationToken);
        return result.Status == HealthStatus.Unhealthy
            ? new HealthCheckResult(options.CurrentValue.TenantFailureStatus, result.Description, result.Exception, result.Data)
            : result;
    }
}
