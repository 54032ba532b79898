using System.Net;
using System.Net.Http.Headers;
using CertyoOdoo.Certyo.Client;
using CertyoOdoo.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static CertyoOdoo.Certyo.Tests.Client.ClientTestKit;

namespace CertyoOdoo.Certyo.Tests.Client;

public sealed class CertyoResilienceTests
{
    private static readonly CertyoClientOptions Options = new()
    {
        BaseUrl = new Uri("http://127.0.0.1/"), ApiKey = "k", BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1),
    };

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, false)]
    public void Only_408_429_and_5xx_are_retried(HttpStatusCode status, bool retried) =>
        Assert.Equal(retried, CertyoResilience.IsTransient(status));

    [Fact]
    public void Backoff_is_full_jitter_under_an_exponential_ceiling_capped_at_max_delay()
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var ceiling = Math.Min(100 * Math.Pow(2, attempt), 1000);
            var delays = Enumerable.Range(0, 200).Select(_ => CertyoResilience.Delay(Options, TimeProvider.System, null, attempt).TotalMilliseconds).ToArray();
            Assert.All(delays, d => Assert.InRange(d, 0, ceiling));
            Assert.True(delays.Max() > ceiling / 2 && delays.Min() < ceiling / 2, "delays should spread over [0, ceiling]");
        }
    }

    [Fact]
    public void Retry_after_in_seconds_or_as_a_date_wins_over_the_backoff()
    {
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), CertyoResilience.Delay(Options, TimeProvider.System, seconds, 0));

        var now = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        var clock = new FixedClock(now);
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(12));
        Assert.Equal(TimeSpan.FromSeconds(12), CertyoResilience.Delay(Options, clock, date, 3));

        using var past = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        past.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(-5));
        Assert.Equal(TimeSpan.Zero, CertyoResilience.Delay(Options, clock, past, 3));
    }

    [Fact]
    public async Task A_slow_certyo_hits_the_attempt_timeout_then_the_total_budget()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings(("Sandbox:Faults:Latency", "00:00:05")));
        var client = NewClient(sandbox, tweak: o => { o.AttemptTimeout = TimeSpan.FromMilliseconds(200); o.TotalTimeout = TimeSpan.FromMilliseconds(900); });

        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<CertyoTransientException>(() => client.IngestAsync(Record(1)));

        Assert.True(error.IsTransient);
        Assert.Equal("WH/OUT/00001", error.FailedRecords[0]);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Retries_exhausted_on_5xx_raise_a_transient_error_after_max_attempts()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings(("Sandbox:Faults:ErrorRate", "0.999")));
        var client = NewClient(sandbox, tweak: o => o.MaxAttempts = 3);

        var error = await Assert.ThrowsAsync<CertyoTransientException>(() => client.IngestAsync(Record(1)));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(3, (await CallsAsync(sandbox, "POST /api/v1/records"))!.Value.GetProperty("calls").GetInt64());
    }

    [Fact]
    public async Task AddCertyoClient_registers_a_working_typed_client_and_validates_options()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        var services = new ServiceCollection().AddLogging();
        services.AddCertyoClient(o => { o.BaseUrl = sandbox.BaseAddress; o.ApiKey = ApiKey; });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<ICertyoClient>();
        var result = await client.IngestAsync(Record(1));
        Assert.Equal(RecordHasher.Hash(Record(1)), result.RecordHash);

        var bad = new ServiceCollection().AddLogging();
        bad.AddCertyoClient(o => o.MaxAttempts = 0);
        await using var badProvider = bad.BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => badProvider.GetRequiredService<IOptions<CertyoClientOptions>>().Value);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
