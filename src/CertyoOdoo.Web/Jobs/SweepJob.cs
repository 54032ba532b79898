using CertyoOdoo.Web.Hosting;
using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Tenants;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Jobs;

/// <summary>
/// The recurring safety net (every SweepInterval, on whichever instance Hangfire picks): folds inbox
/// entries no instance folded (one died after its 202), signals ingest and verification for every row
/// that is due (a job lost in a crash, a retry, a verification, an overdue write-back), and refreshes
/// the ledger gauges. Cheap when there is nothing to do: three indexed queries.
/// </summary>
[AutomaticRetry(Attempts = 0)] // the next run is the retry
internal sealed class SweepJob(
    NotificationInbox inbox,
    LedgerStore store,
    TenantRegistry tenants,
    IWorkSignal signal,
    ServiceMetrics metrics,
    IOptions<JobOptions> options,
    TimeProvider time)
{
    private const int FoldLimit = 2000;
    private const int MaxFolds = 10;

    /// <summary>Hangfire entry point. Returns what it found, for the dashboard's job details.</summary>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var folded = 0;
        for (var i = 0; i < MaxFolds; i++)
        {
            var fold = await inbox.FoldAsync(FoldLimit, now, cancellationToken);
            folded += fold.Entries;
            foreach (var (tenant, model, entries) in fold.Touched)
            {
                signal.Ingest(tenant, model, entries);
            }

            if (fold.Entries < FoldLimit)
            {
                break;
            }
        }

        var due = await store.FindDueWorkAsync(now, now - options.Value.WriteBackRetryDelay, cancellationToken);
        foreach (var work in due.Where(w => tenants.TryGet(w.Tenant, out _, out _)))
        {
            if (work.Kind == DueWork.Ingest)
            {
                signal.Ingest(work.Tenant, work.Model);
            }
            else
            {
                signal.Verify(work.Tenant);
            }
        }

        metrics.Update(await store.SnapshotAsync(now, cancellationToken));
        return $"folded {folded} inbox entries; due: {string.Join(", ", due.Select(d => $"{d.Kind} {d.Tenant}/{d.Model}".TrimEnd('/'))) switch { "" => "nothing", var s => s }}";
    }
}
