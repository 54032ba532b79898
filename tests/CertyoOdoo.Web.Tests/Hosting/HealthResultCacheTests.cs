using CertyoOdoo.Web.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CertyoOdoo.Web.Tests.Hosting;

public sealed class HealthResultCacheTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly HealthOptions _options = new() { CacheDuration = TimeSpan.FromSeconds(10), Timeout = TimeSpan.FromSeconds(2) };

    [Fact]
    public async Task A_result_is_reused_within_the_cache_period_and_refreshed_after()
    {
        var cache = new HealthResultCache(_time, new StaticMonitor(_options));
        var calls = 0;
        Task<HealthCheckResult> Probe(CancellationToken _) => Task.FromResult(HealthCheckResult.Healthy($"call {++calls}"));

        var first = await cache.GetAsync("odoo:acme", Probe, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(9));
        var second = await cache.GetAsync("odoo:acme", Probe, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var third = await cache.GetAsync("odoo:acme", Probe, CancellationToken.None);

        Assert.Equal("call 1", first.Description);
        Assert.Equal("call 1", second.Description);
        Assert.Equal("call 2", third.Description);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Concurrent_probes_share_one_call()
    {
        var cache = new HealthResultCache(_time, new StaticMonitor(_options));
        var calls = 0;
        var gate = new TaskCompletionSource<HealthCheckResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<HealthCheckResult> Probe(CancellationToken _)
        {
            Interlocked.Increment(ref calls);
            return gate.Task;
        }

        var waiting = Enumerable.Range(0, 8).Select(_ => cache.GetAsync("certyo:acme", Probe, CancellationToken.None)).ToArray();
        gate.SetResult(HealthCheckResult.Healthy());
        await Task.WhenAll(waiting);

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_probe_that_does_not_answer_in_time_is_unhealthy()
    {
        var cache = new HealthResultCache(_time, new StaticMonitor(_options));
        var pending = cache.GetAsync("odoo:slow", async ct =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return HealthCheckResult.Healthy();
        }, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(2));
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("2 s", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_probe_is_unhealthy_with_the_reason()
    {
        var cache = new HealthResultCache(_time, new StaticMonitor(_options));
        var result = await cache.GetAsync("odoo:down", _ => throw new HttpRequestException("Connection refused"), CancellationToken.None);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("Connection refused", result.Description, StringComparison.Ordinal);
    }

    private sealed class StaticMonitor(HealthOptions value) : IOptionsMonitor<HealthOptions>
    {
        public HealthOptions CurrentValue => value;

        public HealthOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<HealthOptions, string?> listener) => null;
    }
}
