using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Hosting;

/// <summary>
/// Shares one probe result per check for <see cref="HealthOptions.CacheDuration"/>: concurrent and
/// frequent readiness probes cause at most one call to each peer per period.
/// </summary>
internal sealed class HealthResultCache(TimeProvider time, IOptionsMonitor<HealthOptions> options)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<HealthCheckResult> GetAsync(string name, Func<CancellationToken, Task<HealthCheckResult>> probe, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ttl = options.CurrentValue.CacheDuration;
        // Lazy: AddOrUpdate may build several entries under contention, but only the stored one starts a probe.
        var entry = _entries.AddOrUpdate(
            name,
            _ => new Entry(new(() => Run(probe, options.CurrentValue.Timeout)), now),
            (_, old) => old.Probe.Value.IsCompleted && now - old.StartedAt >= ttl ? new Entry(new(() => Run(probe, options.CurrentValue.Timeout)), now) : old);
        // The probe runs on its own deadline, not the caller's, so one aborted request cannot poison the cache.
        return await entry.Probe.Value.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> Run(Func<CancellationToken, Task<HealthCheckResult>> probe, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout, time);
        try
        {
            return await probe(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"No answer within {timeout.TotalSeconds:0.#} s.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private sealed record Entry(Lazy<Task<HealthCheckResult>> Probe, DateTimeOffset StartedAt);
}
