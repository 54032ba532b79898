using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Tenants;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Jobs;

/// <summary>
/// Finds done records that carry no Certyo status in Odoo and have no ledger row (a lost webhook, a
/// service that was down, a tenant without webhooks), walking a persisted (write_date, id) cursor
/// that is moved back by an overlap window for transactions that commit late.
/// </summary>
[AutomaticRetry(Attempts = 0)] // the next scheduled run is the retry
internal sealed partial class ReconcileJob(
    LedgerStore store,
    LedgerCursors cursors,
    TenantRegistry tenants,
    JobDispatcher dispatcher,
    IWorkSignal signal,
    IOptions<JobOptions> options,
    TimeProvider time,
    ILogger<ReconcileJob> logger)
{
    private readonly JobOptions _o = options.Value;

    /// <summary>Hangfire entry point.</summary>
    public async Task RunAsync(string tenant, string model, CancellationToken cancellationToken)
    {
        var more = false;
        try
        {
            more = await ReconcileAsync(tenant, model, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, tenant, model, ex.Message);
        }
        finally
        {
            dispatcher.Completed(JobDispatcher.Reconcile, tenant, model, more);
        }
    }

    /// <summary>Reads up to the configured number of pages; true when more remain.</summary>
    public async Task<bool> ReconcileAsync(string tenant, string model, CancellationToken cancellationToken)
    {
        var modelOptions = tenants.Model(tenant, model);
        if (modelOptions is null)
        {
            return false;
        }

        var reader = tenants.Odoo(tenant);
        if (!await reader.ModelExistsAsync(model, cancellationToken))
        {
            LogModelAbsent(logger, tenant, model);
            return false;
        }

        var cursor = await cursors.GetAsync(tenant, model, cancellationToken);
        var after = cursor is null ? null : new OdooRecordStamp(0, cursor.WriteDate - _o.ReconcileOverlap);
        var last = cursor;
        var found = 0;
        var inserted = 0;
        for (var page = 0; page < _o.ReconcileMaxPages; page++)
        {
            var stamps = await reader.SearchDoneAsync(model, after, _o.ReconcilePageSize, onlyWithoutStatus: true, TenantRegistry.FieldNames(modelOptions), cancellationToken);
            if (stamps.Count == 0)
            {
                break;
            }

            found += stamps.Count;
            inserted += await store.InsertIfAbsentAsync(tenant, model, [.. stamps.Select(s => s.Id)], "found by reconcile", time.GetUtcNow(), cancellationToken);
            after = stamps[^1];
            if (last is null || Compare(after, last) > 0)
            {
                last = after;
            }

            if (stamps.Count < _o.ReconcilePageSize)
            {
                after = null;
                break;
            }
        }

        if (last is not null && (cursor is null || Compare(last, cursor) > 0))
        {
            await cursors.SetAsync(tenant, model, last, time.GetUtcNow(), cancellationToken);
        }

        if (inserted > 0)
        {
            signal.Ingest(tenant, model);
        }

        LogDone(logger, tenant, model, found, inserted);
        return after is not null;
    }

    private static int Compare(OdooRecordStamp a, OdooRecordStamp b) =>
        a.WriteDate != b.WriteDate ? a.WriteDate.CompareTo(b.WriteDate) : a.Id.CompareTo(b.Id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconcile {Tenant}/{Model}: {Found} done records without status, {Inserted} new to the ledger")]
    private static partial void LogDone(ILogger logger, string tenant, string model, int found, int inserted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconcile {Tenant}/{Model}: the model is not installed in Odoo; skipped")]
    private static partial void LogModelAbsent(ILogger logger, string tenant, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile {Tenant}/{Model} failed (next run retries): {Error}")]
    private static partial void LogFailed(ILogger logger, string tenant, string model, string error);
}
