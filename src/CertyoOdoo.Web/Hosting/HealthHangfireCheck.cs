using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CertyoOdoo.Web.Hosting;

/// <summary>Hangfire's storage answers (the servers list is a small read).</summary>
internal sealed class HealthHangfireCheck(JobStorage storage, HealthResultCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        cache.GetAsync("hangfire", ct => Task.Run(() =>
        {
            var servers = storage.GetMonitoringApi().Servers();
            return HealthCheckResult.Healthy($"{servers.Count} Hangfire server(s).", new Dictionary<string, object> { ["servers"] = servers.Count });
        }, ct), cancellationToken);
}
