using CertyoOdoo.Web.Hosting;
using CertyoOdoo.Web.Jobs;
using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Tenants;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CertyoOdoo.Web.Tests.Jobs;

/// <summary>The dispatcher's pacing: one job in flight per key, a trickle coalesced, full batches at once.</summary>
public sealed class JobDispatcherTests
{
    [Fact]
    public async Task A_trickle_of_signals_is_coalesced_and_a_full_batch_goes_on_at_once()
    {
        await using var ledger = await TestLedger.CreateAsync("sqlite");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        var jobs = new RecordingJobClient();
        var services = new ServiceCollection().AddMetrics().AddSingleton<IBackgroundJobClient>(jobs).BuildServiceProvider();
        var tenants = new TenantRegistry(Options.Create(new TenantsOptions()), null!);
        var dispatcher = new JobDispatcher(
            services, ledger!.Store, tenants, new ServiceMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            Options.Create(new JobOptions { IngestCoalesce = TimeSpan.FromMilliseconds(500) }), time, NullLogger<JobDispatcher>.Instance);
        await dispatcher.StartAsync(default);
        try
        {
            // First signal after idle: enqueued at once. More while it runs: one follow-up, not one each.
            dispatcher.Ingest("acme", "stock.picking");
            await CountAsync(jobs, 1);
            dispatcher.Ingest("acme", "stock.picking");
            dispatcher.Ingest("acme", "stock.picking");
            time.Advance(TimeSpan.FromMilliseconds(100));
            dispatcher.Completed(DueWork.Ingest, "acme", "stock.picking", more: false);
            await StaysAsync(jobs, 1);

            // The follow-up waits for the coalescing window (500 ms after the last start), then goes.
            time.Advance(TimeSpan.FromMilliseconds(399));
            dispatcher.Ingest("acme", "stock.picking");
            await StaysAsync(jobs, 1);
            time.Advance(TimeSpan.FromMilliseconds(1));
            await CountAsync(jobs, 2);

            // A job that found a full batch is followed at once, window or not.
            time.Advance(TimeSpan.FromMilliseconds(50));
            dispatcher.Completed(DueWork.Ingest, "acme", "stock.picking", more: true);
            await CountAsync(jobs, 3);

            // Other keys are not held up by this one's window.
            dispatcher.Ingest("acme", "mrp.production");
            await CountAsync(jobs, 4);

            // Within the window, a batch's worth of notifications (IngestBatchSize, 500) does not wait either.
            time.Advance(TimeSpan.FromMilliseconds(100));
            dispatcher.Completed(DueWork.Ingest, "acme", "stock.picking", more: false);
            dispatcher.Ingest("acme", "stock.picking", 300);
            await StaysAsync(jobs, 4);
            dispatcher.Ingest("acme", "stock.picking", 200);
            await CountAsync(jobs, 5);
        }
        finally
        {
            await dispatcher.StopAsync(default);
        }
    }

    private static async Task CountAsync(RecordingJobClient jobs, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (jobs.Created < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(expected, jobs.Created);
    }

    /// <summary>Nothing more is enqueued within a short real-time window (the fake clock does not move).</summary>
    private static async Task StaysAsync(RecordingJobClient jobs, int expected)
    {
        await Task.Delay(200);
        Assert.Equal(expected, jobs.Created);
    }
}
