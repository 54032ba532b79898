using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Tenants;
using Dapper;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Jobs;

/// <summary>
/// One page of a backfill: done records with write_date in [from, to) after the saved cursor go into
/// the ledger (new rows pending, existing ones marked for recheck); the next page is its own job.
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
    public async Task RunAsync(long id, CancellationToken cancellationToken)
    {
        BackfillRow? run;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            run = await connection.QuerySingleOrDefaultAsync<BackfillRow>(
                "SELECT id, tenant, model, from_at, to_at, state, cursor_date, cursor_id, batches, found, queued FROM ledger_backfills WHERE id = @id", new { id });
        }

        if (run is not { State: "running" })
        {
            return;
        }

        try
        {
            var model = tenants.Model(run.Tenant, run.Model) ?? throw new InvalidOperationException($"Tenant '{run.Tenant}' no longer anchors '{run.Model}'.");
            var after = run.CursorDate is { } date
                ? new OdooRecordStamp(run.CursorId ?? 0, DateTimeOffset.FromUnixTimeMilliseconds(date).UtcDateTime)
                : new OdooRecordStamp(0, DateTimeOffset.FromUnixTimeMilliseconds(run.FromAt - 1).UtcDateTime);
            var size = options.Value.ReconcilePageSize;
            var page = await tenants.Odoo(run.Tenant).SearchDoneAsync(run.Model, after, size, onlyWithoutStatus: false, TenantRegistry.FieldNames(model), cancellationToken);
            var to = DateTimeOffset.FromUnixTimeMilliseconds(run.ToAt).UtcDateTime;
            var inRange = page.Where(s => s.WriteDate < to).ToList();
            var outcome = await store.RecordNotificationsAsync(run.Tenant, run.Model, [.. inRange.Select(s => s.Id)], $"backfill #{id}", time.GetUtcNow(), cancellationToken);
            var finished = page.Count < size || inRange.Count < page.Count;
            var last = page.Count > 0 ? page[^1] : after;
            var now = LedgerRow.Ms(time.GetUtcNow());
            await database.WriteAsync(
                (c, tx) => c.ExecuteAsync(
                    "UPDATE ledger_backfills SET batches = batches + 1, found = found + @found, queued = queued + @queued, cursor_date = @cd, cursor_id = @ci, " +
                    "state = @state, last_error = NULL, updated_at = @now, finished_at = @fin WHERE id = @id",
                    new
                    {
                        id, found = inRange.Count, queued = outcome.Inserted + outcome.Rechecked, now, state = finished ? "done" : "running",
                        fin = finished ? now : (long?)null, ci = last.Id,
                        cd = new DateTimeOffset(DateTime.SpecifyKind(last.WriteDate, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
                    }, tx),
                cancellationToken);
            if (inRange.Count > 0)
            {
                signal.Ingest(run.Tenant, run.Model);
            }

            if (!finished)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backfill #{Id}: a page failed (Hangfire retries it): {Error}")]
    private static partial void LogFailed(ILogger logger, long id, string error);
}
