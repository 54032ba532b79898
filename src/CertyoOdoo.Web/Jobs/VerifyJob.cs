using CertyoOdoo.Certyo.Contracts;
using CertyoOdoo.Certyo.Merkle;
using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Web.Hosting;
using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Mapping;
using CertyoOdoo.Web.Tenants;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Jobs;

/// <summary>
/// Asks Certyo whether a tenant's ingested records are anchored (due ones only, backoff doubling from
/// the first delay, capped), checks the RFC 6962 proof locally, writes <c>anchored</c> back in one call
/// per model, and retries Odoo status writes that failed earlier.
/// </summary>
[AutomaticRetry(Attempts = 0)] // verify_due_at owns the schedule
internal sealed partial class VerifyJob(
    LedgerStore store,
    TenantRegistry tenants,
    JobDispatcher dispatcher,
    ServiceMetrics metrics,
    IOptions<JobOptions> options,
    TimeProvider time,
    ILogger<VerifyJob> logger)
{
    private readonly JobOptions _o = options.Value;

    /// <summary>Hangfire entry point.</summary>
    public async Task RunAsync(string tenant, CancellationToken cancellationToken)
    {
        var more = false;
        try
        {
            more = await RunBatchAsync(tenant, cancellationToken) == _o.VerifyBatchSize;
            await WriteBackOverdueAsync(tenant, cancellationToken);
        }
        finally
        {
            dispatcher.Completed(DueWork.Verify, tenant, "", more);
        }
    }

    /// <summary>Verifies one batch of due rows; returns how many were claimed.</summary>
    public async Task<int> RunBatchAsync(string tenant, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        var rows = await store.ClaimVerifyAsync(tenant, _o.VerifyBatchSize, token, now, now + _o.ClaimLease, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        var certyo = tenants.Certyo(tenant);
        var tenantId = tenants.Get(tenant).Certyo.TenantId;
        var changes = new LedgerChange[rows.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, rows.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _o.VerifyParallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var row = rows[i].Clone();
                VerifyResult? result = null;
                string? error = null;
                try
                {
                    result = await certyo.VerifyAsync(new VerifyRequest(tenantId, MappedRecord.Database, row.Model, row.RecordId!), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    error = $"Certyo verify: {ex.Message}";
                }

                changes[i] = Decide(tenant, row, result, error, now);
            });

        var anchored = changes.Where(c => c.Row.StatusValue == LedgerStatus.Anchored).Select(c => c.Row).ToList();
        var expired = changes.Where(c => c.Row.StatusValue == LedgerStatus.Dead).Select(c => c.Row).ToList();
        await WriteBackAsync(tenant, [.. anchored, .. expired], cancellationToken); // Odoo first, then the ledger
        await store.CompleteAsync(changes, token, time.GetUtcNow(), readFromOdoo: false, cancellationToken);
        metrics.Transition(tenant, LedgerStatus.Anchored, anchored.Count);
        if (expired.Count > 0)
        {
            metrics.Transition(tenant, LedgerStatus.Dead, expired.Count);
            metrics.VerifyExpired(tenant, expired.Count);
        }

        LogBatch(logger, tenant, rows.Count, anchored.Count, expired.Count);
        return rows.Count;
    }

    internal LedgerChange Decide(string tenant, LedgerRow row, VerifyResult? result, string? error, DateTimeOffset now)
    {
        var hashMatches = result?.RecordHash is null || row.RecordHash is null
            || string.Equals(result.RecordHash, row.RecordHash, StringComparison.OrdinalIgnoreCase);
        if (result is { Verified: true } && hashMatches)
        {
            if (result is { Proof: { } proof, LeafIndex: { } leaf, TreeSize: { } size, MerkleRoot: { } root }
                && !MerkleProof.VerifyRecord(row.RecordHash ?? result.RecordHash!, leaf, size, proof, root))
            {
                metrics.ProofMismatch(tenant);
                LogProofMismatch(logger, tenant, row.Model, row.RecordId, root);
                return NotYet(tenant, row, $"the Merkle proof from Certyo does not lead to root {root}", now);
            }

            var from = row.Status;
            row.StatusValue = LedgerStatus.Anchored;
            row.AnchoredAt = LedgerRow.Ms(result.AnchoredAt ?? now);
            row.MerkleRoot = result.MerkleRoot;
            row.VerifyDueAt = null;
            row.LastError = null;
            row.OdooStatusDue = "anchored";
            return new LedgerChange(row, from, result.Proof is null ? "anchored (no proof given)" : $"anchored, proof checked against root {result.MerkleRoot}");
        }

        var why = error
            ?? (result is null ? "Certyo does not know the record yet"
            : !hashMatches ? $"Certyo reports another version (hash {result.RecordHash})"
            : $"not anchored yet (Certyo status: {result.Status ?? "unknown"})");
        return NotYet(tenant, row, why, now);
    }

    private LedgerChange NotYet(string tenant, LedgerRow row, string why, DateTimeOffset now)
    {
        var from = row.Status;
        row.VerifyAttempts++;
        row.LastError = why;
        var ingestedAt = LedgerRow.Time(row.IngestedAt) ?? now;
        if (now - ingestedAt >= _o.VerifyGiveUpAfter)
        {
            row.StatusValue = LedgerStatus.Dead;
            row.VerifyDueAt = null;
            row.LastError = $"not anchored within {_o.VerifyGiveUpAfter}: {why}";
            row.OdooStatusDue = "failed";
            LogExpired(logger, tenant, row.Model, row.RecordId, _o.VerifyGiveUpAfter, why);
            return new LedgerChange(row, from, row.LastError);
        }

        var delay = Backoff.Delay(_o.VerifyFirstDelay, _o.VerifyMaxDelay, row.VerifyAttempts + 1);
        row.VerifyDueAt = LedgerRow.Ms(now + delay);
        return new LedgerChange(row, from, null);
    }

    /// <summary>Retries status writes to Odoo that failed or were interrupted.</summary>
    private async Task WriteBackOverdueAsync(string tenant, CancellationToken cancellationToken)
    {
        var overdue = await store.FindWriteBacksAsync(tenant, time.GetUtcNow() - _o.WriteBackRetryDelay, 500, cancellationToken);
        var written = await WriteBackAsync(tenant, overdue, cancellationToken);
        await store.MarkWrittenBackAsync([.. written.Select(r => (r.Id, r.OdooStatus!))], cancellationToken);
    }

    /// <summary>Writes the due statuses to Odoo, one call per model; returns the rows written (their OdooStatus set).</summary>
    private async Task<List<LedgerRow>> WriteBackAsync(string tenant, IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken)
    {
        var written = new List<LedgerRow>();
        foreach (var group in rows.Where(r => r.OdooStatusDue is not null).GroupBy(r => r.Model))
        {
            var model = tenants.Model(tenant, group.Key);
            if (model is null)
            {
                continue;
            }

            try
            {
                var writes = group.Select(r => new CertyoStatusWrite(
                    r.OdooId,
                    r.RecordHash,
                    r.OdooStatusDue,
                    r.OdooStatusDue == "anchored" && LedgerRow.Time(r.AnchoredAt) is { } at ? at.UtcDateTime : null)).ToList();
                await tenants.Odoo(tenant).WriteStatusAsync(group.Key, writes, TenantRegistry.FieldNames(model), cancellationToken);
                foreach (var row in group)
                {
                    row.OdooStatus = row.OdooStatusDue;
                    row.OdooStatusDue = null;
                    written.Add(row);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogWriteBackFailed(logger, tenant, group.Key, group.Count(), ex.Message);
            }
        }

        return written;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Verify {Tenant}: {Claimed} checked, {Anchored} anchored, {Expired} given up")]
    private static partial void LogBatch(ILogger logger, string tenant, int claimed, int anchored, int expired);

    [LoggerMessage(Level = LogLevel.Error, Message = "Verify {Tenant}: {Model} {RecordId}: Certyo's Merkle proof does not lead to root {Root}; not marked anchored")]
    private static partial void LogProofMismatch(ILogger logger, string tenant, string model, string? recordId, string root);

    [LoggerMessage(Level = LogLevel.Error, Message = "Verify {Tenant}: {Model} {RecordId} not anchored within {Period}; marked failed in Odoo ({Reason})")]
    private static partial void LogExpired(ILogger logger, string tenant, string model, string? recordId, TimeSpan period, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Verify {Tenant}/{Model}: writing the status of {Count} records back to Odoo failed (will retry): {Error}")]
    private static partial void LogWriteBackFailed(ILogger logger, string tenant, string model, int count, string error);
}
