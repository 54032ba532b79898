using CertyoOdoo.Certyo.Client;
using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Web.Hosting;
using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Tenants;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Jobs;

/// <summary>
/// Carries one batch of a tenant's model from Odoo to Certyo: claim due rows, read them in one batched
/// read, send what is done and changed, record the outcome, write the status back in one call.
/// Safe to run twice: claims are leased, unchanged payloads are not sent, versions carry idempotency keys.
/// </summary>
[AutomaticRetry(Attempts = 0)] // the ledger's next_attempt_at owns retries; the sweeper re-enqueues
internal sealed partial class IngestJob(
    LedgerStore store,
    TenantRegistry tenants,
    JobDispatcher dispatcher,
    ServiceMetrics metrics,
    IOptions<JobOptions> options,
    TimeProvider time,
    ILogger<IngestJob> logger)
{
    private readonly JobOptions _o = options.Value;

    /// <summary>Hangfire entry point (arguments are names only).</summary>
    public async Task RunAsync(string tenant, string model, CancellationToken cancellationToken)
    {
        var more = false;
        try
        {
            more = await RunBatchAsync(tenant, model, cancellationToken) == _o.IngestBatchSize;
        }
        finally
        {
            dispatcher.Completed(DueWork.Ingest, tenant, model, more);
        }
    }

    /// <summary>Processes one batch; returns how many rows were claimed.</summary>
    public async Task<int> RunBatchAsync(string tenant, string model, CancellationToken cancellationToken)
    {
        var modelOptions = tenants.Model(tenant, model);
        if (modelOptions is null)
        {
            LogModelDisabled(logger, tenant, model);
            return 0;
        }

        var started = time.GetTimestamp();
        var token = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        var rows = await store.ClaimIngestAsync(tenant, model, _o.IngestBatchSize, token, now, now + _o.ClaimLease, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        var batch = new IngestBatch(tenant, model, rows.Select(r => (r.Clone(), r.Status)).ToList());
        IReadOnlyList<OdooDocument> documents;
        try
        {
            documents = await tenants.Odoo(tenant).ReadAsync(model, [.. rows.Select(r => r.OdooId)], modelOptions.ExtraFields, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogOdooReadFailed(logger, tenant, model, rows.Count, ex.Message);
            batch.FailAll($"Odoo read failed: {ex.Message}", now, _o);
            await store.CompleteAsync(batch.Changes(), token, time.GetUtcNow(), readFromOdoo: false, cancellationToken);
            return rows.Count;
        }

        var ready = batch.Plan(documents.ToDictionary(d => d.Id), now, _o);
        if (ready.Count > 0)
        {
            await SendAsync(tenant, ready, batch, now, cancellationToken);
        }

        // Odoo first, then the ledger: a verification can only start once the row is ingested, so a
        // later "anchored" write can never be overtaken by this "ingested" one.
        var ingested = batch.Ingested();
        if (ingested.Count > 0 && await WriteBackAsync(tenant, model, modelOptions, ingested, cancellationToken))
        {
            foreach (var row in ingested)
            {
                row.OdooStatus = row.OdooStatusDue;
                row.OdooStatusDue = null;
            }
        }

        await store.CompleteAsync(batch.Changes(), token, time.GetUtcNow(), readFromOdoo: true, cancellationToken);
        batch.CountTransitions(metrics, tenant);
        var elapsed = time.GetElapsedTime(started);
        LogBatch(logger, tenant, model, rows.Count, ready.Count, ingested.Count, elapsed);
        return rows.Count;
    }

    private async Task SendAsync(string tenant, List<ReadyRecord> ready, IngestBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var certyo = tenants.Certyo(tenant);
        var tenantId = tenants.Get(tenant).Certyo.TenantId;
        var pending = ready;
        // At most two rounds: a bulk refused for some elements (all or nothing) is sent again without them.
        for (var round = 0; round < 2 && pending.Count > 0; round++)
        {
            var records = pending.Select(r => r.Mapped.ToCertyo(tenantId, r.Version)).ToList();
            if (pending.Count > _o.BulkThreshold)
            {
                try
                {
                    var results = await certyo.IngestBulkAsync(records, cancellationToken);
                    for (var i = 0; i < pending.Count; i++)
                    {
                        batch.Succeeded(pending[i], results[i], now, _o);
                    }

                    return;
                }
                catch (CertyoException ex) when (ex.FailedRecords.Count > 0 && !ex.IsTransient)
                {
                    foreach (var index in ex.FailedRecords.Keys)
                    {
                        batch.Failed(pending[index], ex, now, _o);
                    }

                    LogBulkPartlyRefused(logger, tenant, ex.FailedRecords.Count, pending.Count, ex.StatusCode ?? 0);
                    pending = [.. pending.Where((_, i) => !ex.FailedRecords.ContainsKey(i))];
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogCertyoFailed(logger, tenant, pending.Count, ex.Message);
                    foreach (var r in pending)
                    {
                        batch.Failed(r, ex, now, _o);
                    }

                    return;
                }
            }
            else
            {
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, pending.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                    async (i, ct) =>
                    {
                        try
                        {
                            var result = await certyo.IngestAsync(records[i], ct);
                            lock (batch)
                            {
                                batch.Succeeded(pending[i], result, now, _o);
                            }
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                        {
                            LogCertyoFailed(logger, tenant, 1, ex.Message);
                            lock (batch)
                            {
                                batch.Failed(pending[i], ex, now, _o);
                            }
                        }
                    });
                return;
            }
        }
    }

    private async Task<bool> WriteBackAsync(string tenant, string model, ModelOptions modelOptions, IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken)
    {
        try
        {
            var writes = rows.Select(r => new CertyoStatusWrite(r.OdooId, r.RecordHash, "ingested", null)).ToList();
            await tenants.Odoo(tenant).WriteStatusAsync(model, writes, TenantRegistry.FieldNames(modelOptions), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The ledger keeps odoo_status_due: the verify job's write-back sweep tries again.
            LogWriteBackFailed(logger, tenant, model, rows.Count, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest {Tenant}/{Model}: the model is not enabled for this tenant; nothing done")]
    private static partial void LogModelDisabled(ILogger logger, string tenant, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest {Tenant}/{Model}: reading {Count} records from Odoo failed: {Error}")]
    private static partial void LogOdooReadFailed(ILogger logger, string tenant, string model, int count, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest {Tenant}: Certyo refused {Failed} of {Count} records of a bulk call (HTTP {Status}); sending the others again")]
    private static partial void LogBulkPartlyRefused(ILogger logger, string tenant, int failed, int count, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest {Tenant}: sending {Count} records to Certyo failed: {Error}")]
    private static partial void LogCertyoFailed(ILogger logger, string tenant, int count, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest {Tenant}/{Model}: writing the status of {Count} records back to Odoo failed (will retry): {Error}")]
    private static partial void LogWriteBackFailed(ILogger logger, string tenant, string model, int count, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest {Tenant}/{Model}: {Claimed} claimed, {Sent} sent, {Ingested} ingested in {Elapsed}")]
    private static partial void LogBatch(ILogger logger, string tenant, string model, int claimed, int sent, int ingested, TimeSpan elapsed);
}
