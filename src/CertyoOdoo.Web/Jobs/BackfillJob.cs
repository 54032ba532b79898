using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Tenants;
using Dapper;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Jobs;

/// <summary>
/// One page of a backfill: done records with write_date in [from, to) after the saved cursor go into
/// the ledger (new rows pending, existing ones marked for recheck) and into the backfill's items; the
/// next page is its own job.
/// </summary>
[AutomaticRetry(Attempts = 3)] // a page is idempotent; Hangfire owns its retries
internal sealed partial class BackfillJob(
    LedgerDatabase database,
    LedgerStore store,
    TenantRegistry tenants,
    IWorkSignal signal,
    IBackgroundJobClient jobs,
    IOptions<JobOptions> options,
    TimeProvider time,
    ILogger<BackfillJob> logger)
{
    private const string Columns = "id, tenant, model, from_at, to_at, state, cursor_date, cursor_id, batches, found, queued";

    public async Task RunAsync(long id, CancellationToken cancellationToken)
    {
        var run = await LoadAsync(id, cancellationToken);
        if (run is not { State: "running" })
        {
            return;
        }

        try
        {
            var page = await ReadPageAsync(run, cancellationToken);
            if (!await RecordPageAsync(run, page, cancellationToken))
            {
                // Another execution of this job recorded this page first (Hangfire runs jobs at least once).
                LogRaced(logger, id, run.Batches + 1);
                return;
            }

            if (page.OdooIds.Count > 0)
            {
                signal.Ingest(run.Tenant, run.Model);
            }

            if (!page.Finished)
            {
                jobs.Enqueue<BackfillJob>(j => j.RunAsync(id, CancellationToken.None));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, id, ex.Message);
            await database.WriteAsync(
                (c, tx) => c.ExecuteAsync("UPDATE ledger_backfills SET last_error = @e, updated_at = @now WHERE id = @id",
                    new { id, e = ex.Message, now = LedgerRow.Ms(time.GetUtcNow()) }, tx),
                CancellationToken.None);
            throw;
        }
    }

    /// <summary>The backfill as stored now; null when unknown.</summary>
    internal async Task<BackfillRow?> LoadAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BackfillRow>($"SELECT {Columns} FROM ledger_backfills WHERE id = @id", new { id });
    }

    /// <summary>
    /// Reads the page after the run's cursor from Odoo and records its in-range ids in the ledger (idempotent:
    /// a second call for the same page inserts nothing new).
    /// </summary>
    internal async Task<BackfillPage> ReadPageAsync(BackfillRow run, CancellationToken cancellationToken)
    {
        var model = tenants.Model(run.Tenant, run.Model) ?? throw new InvalidOperationException($"Tenant '{run.Tenant}' no longer anchors '{run.Model}'.");
        var size = options.Value.ReconcilePageSize;
        var after = run.CursorDate is { } date
            ? new OdooRecordStamp(run.CursorId ?? 0, DateTimeOffset.FromUnixTimeMilliseconds(date).UtcDateTime)
            : Before(DateTimeOffset.FromUnixTimeMilliseconds(run.FromAt));
        var page = await tenants.Odoo(run.Tenant).SearchDoneAsync(run.Model, after, size, onlyWithoutStatus: false, TenantRegistry.FieldNames(model), cancellationToken);
        var to = DateTimeOffset.FromUnixTimeMilliseconds(run.ToAt).UtcDateTime;
        var inRange = page.Where(s => s.WriteDate < to).Select(s => s.Id).ToList();
        var outcome = await store.RecordNotificationsAsync(run.Tenant, run.Model, inRange, $"backfill #{run.Id}", time.GetUtcNow(), cancellationToken);
        var finished = page.Count < size || inRange.Count < page.Count;
        return new BackfillPage(inRange, outcome, page.Count > 0 ? page[^1] : after, finished);
    }

    /// <summary>
    /// Records the page's progress and items in one transaction, if the run is still where <paramref name="run"/>
    /// saw it; false when another execution recorded this page already (nothing is counted twice).
    /// </summary>
    internal Task<bool> RecordPageAsync(BackfillRow run, BackfillPage page, CancellationToken cancellationToken)
    {
        var now = LedgerRow.Ms(time.GetUtcNow());
        return database.WriteAsync(async (c, tx) =>
        {
            var advanced = await c.ExecuteAsync(
                "UPDATE ledger_backfills SET batches = batches + 1, found = found + @found, queued = queued + @queued, cursor_date = @cd, cursor_id = @ci, " +
                "state = @state, last_error = NULL, updated_at = @now, finished_at = @fin WHERE id = @id AND state = 'running' AND batches = @batches",
                new
                {
                    id = run.Id, batches = run.Batches, found = page.OdooIds.Count, queued = page.Outcome.Inserted + page.Outcome.Rechecked, now,
                    state = page.Finished ? "done" : "running", fin = page.Finished ? now : (long?)null, ci = page.Last.Id,
                    cd = new DateTimeOffset(DateTime.SpecifyKind(page.Last.WriteDate, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
                },
                tx);
            if (advanced == 0)
            {
                return false;
            }

            if (page.OdooIds.Count > 0)
            {
                // The rows exist: the page was recorded in the ledger before.
                // Dapper passes a list to PostgreSQL as one array parameter, and expands it for SQLite.
                var ids = database.IsPostgres ? "odoo_id = ANY(@ids)" : "odoo_id IN @ids";
                await c.ExecuteAsync(
                    "INSERT INTO ledger_backfill_items (backfill_id, entry_id) SELECT @id, id FROM ledger_records " +
                    $"WHERE tenant = @tenant AND model = @model AND {ids} ON CONFLICT (backfill_id, entry_id) DO NOTHING",
                    new { id = run.Id, tenant = run.Tenant, model = run.Model, ids = page.OdooIds.ToArray() },
                    tx);
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// The cursor just before <paramref name="from"/>. Odoo reads write_date to the second and the cursor
    /// compares (second, id): the first second counted is the first whole second at or after <paramref name="from"/>.
    /// </summary>
    internal static OdooRecordStamp Before(DateTimeOffset from)
    {
        var ticks = from.UtcTicks;
        var first = ticks % TimeSpan.TicksPerSecond == 0 ? ticks : ticks - (ticks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond;
        return new OdooRecordStamp(int.MaxValue, new DateTime(first - TimeSpan.TicksPerSecond, DateTimeKind.Utc));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backfill #{Id}: a page failed (Hangfire retries it): {Error}")]
    private static partial void LogFailed(ILogger logger, long id, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfill #{Id}: page {Page} was recorded by another execution; this one stops")]
    private static partial void LogRaced(ILogger logger, long id, int page);
}

/// <summary>One page read: the in-range ids recorded in the ledger, what that changed, the cursor after it, and whether it was the last.</summary>
internal sealed record BackfillPage(IReadOnlyList<int> OdooIds, NotificationOutcome Outcome, OdooRecordStamp Last, bool Finished);
