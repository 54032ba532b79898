using CertyoOdoo.Certyo.Client;
using CertyoOdoo.Certyo.Contracts;
using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Web.Hosting;
using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Mapping;

namespace CertyoOdoo.Web.Jobs;

/// <summary>A record to send: its ledger row, the mapping, and the version it goes as.</summary>
internal sealed record ReadyRecord(LedgerRow Row, MappedRecord Mapped, int Version);

/// <summary>
/// The decisions of one ingest batch, apart from any I/O: what to send, as which version, and each
/// row's next state. Rows are copies of the claimed rows; <see cref="Changes"/> hands them to the ledger.
/// </summary>
internal sealed class IngestBatch(string tenant, string model, List<(LedgerRow Row, string FromStatus)> rows)
{
    private readonly Dictionary<long, string?> _details = [];

    public string Tenant => tenant;
    public string Model => model;

    /// <summary>Decides each row from what Odoo holds now; returns the records to send.</summary>
    public List<ReadyRecord> Plan(IReadOnlyDictionary<int, OdooDocument> documents, DateTimeOffset now, JobOptions o)
    {
        var ready = new List<ReadyRecord>();
        foreach (var (row, from) in rows)
        {
            var status = row.StatusValue;
            var neverSent = status is LedgerStatus.Pending or LedgerStatus.Failed;
            if (!documents.TryGetValue(row.OdooId, out var document) || !document.IsDone)
            {
                var state = document?.State ?? "missing";
                if (neverSent)
                {
                    NotDone(row, state, now, o);
                }

                continue; // a sent record that is not done any more (or a skipped one) keeps its status
            }

            var mapped = RecordMapper.Map(document);
            row.RecordId ??= mapped.RecordId;
            var unchanged = mapped.PayloadHash == row.PayloadHash;
            if (unchanged && status is LedgerStatus.Ingested or LedgerStatus.Anchored)
            {
                continue; // repeated notification, nothing changed: nothing to send
            }

            // Same payload as the last accepted version: send that version again (Certyo replays it);
            // otherwise the next version.
            var version = unchanged && row.Version >= 1 ? row.Version : row.Version + 1;
            ready.Add(new ReadyRecord(row, mapped, version));
        }

        return ready;
    }

    public void Succeeded(ReadyRecord r, IngestResult result, DateTimeOffset now, JobOptions o)
    {
        var row = r.Row;
        row.StatusValue = LedgerStatus.Ingested;
        row.RecordId = r.Mapped.RecordId;
        row.Version = r.Version;
        row.PayloadHash = r.Mapped.PayloadHash;
        row.RecordHash = result.RecordHash;
        row.IdempotencyKey = MappedRecord.IdempotencyKey(r.Mapped.Collection, r.Mapped.RecordId, r.Version);
        row.Attempts = 0;
        row.LastError = null;
        row.NextAttemptAt = null;
        row.IngestedAt = LedgerRow.Ms(now);
        row.AnchoredAt = null;
        row.MerkleRoot = null;
        row.VerifyAttempts = 0;
        row.VerifyDueAt = LedgerRow.Ms(now + o.VerifyFirstDelay);
        row.OdooStatusDue = "ingested";
        _details[row.Id] = $"v{r.Version} accepted by Certyo" + (result.IdempotencyReplayed ? " (replayed)" : "");
    }

    public void Failed(ReadyRecord r, Exception error, DateTimeOffset now, JobOptions o)
    {
        var row = r.Row;
        var status = (error as CertyoException)?.StatusCode;
        if (status == 409)
        {
            // The key's version was taken with another payload (an attempt whose answer was lost): use the next one.
            row.Version = r.Version;
            Retry(row, $"Certyo: idempotency conflict on v{r.Version}; next attempt sends v{r.Version + 1}", now, o.NotDoneRetryDelay);
            return;
        }

        if (status is 400 or 413 or 422)
        {
            Dead(row, $"Certyo refused the record (HTTP {status}): {error.Message}");
            return;
        }

        Fail(row, $"Certyo: {error.Message}", now, o);
    }

    /// <summary>Every row failed for one cause outside the record (Odoo unreachable).</summary>
    public void FailAll(string error, DateTimeOffset now, JobOptions o)
    {
        foreach (var (row, _) in rows)
        {
            if (row.StatusValue is LedgerStatus.Pending or LedgerStatus.Failed)
            {
                Fail(row, error, now, o);
            }
        }
    }

    public IReadOnlyList<LedgerChange> Changes() =>
        [.. rows.Select(r => new LedgerChange(r.Row, r.FromStatus, _details.GetValueOrDefault(r.Row.Id)))];

    public IReadOnlyList<LedgerRow> Ingested() =>
        [.. rows.Where(r => r.Row.OdooStatusDue == "ingested" && _details.ContainsKey(r.Row.Id) && r.Row.StatusValue == LedgerStatus.Ingested).Select(r => r.Row)];

    public void CountTransitions(ServiceMetrics metrics, string tenantName)
    {
        foreach (var group in rows.Where(r => r.Row.Status != r.FromStatus).GroupBy(r => r.Row.StatusValue))
        {
            metrics.Transition(tenantName, group.Key, group.Count());
        }
    }

    private void NotDone(LedgerRow row, string state, DateTimeOffset now, JobOptions o)
    {
        if (now - DateTimeOffset.FromUnixTimeMilliseconds(row.NotifiedAt) >= o.NotDoneGracePeriod)
        {
            row.StatusValue = LedgerStatus.Skipped;
            row.NextAttemptAt = null;
            row.LastError = $"not done in Odoo after {o.NotDoneGracePeriod} (state: {state})";
            _details[row.Id] = row.LastError;
            return;
        }

        row.StatusValue = LedgerStatus.Pending;
        row.NextAttemptAt = LedgerRow.Ms(now + o.NotDoneRetryDelay);
        row.LastError = $"not done yet in Odoo (state: {state})";
    }

    private void Fail(LedgerRow row, string error, DateTimeOffset now, JobOptions o)
    {
        row.Attempts++;
        if (row.Attempts >= o.MaxAttempts)
        {
            Dead(row, $"{error} (after {row.Attempts} attempts)");
            return;
        }

        Retry(row, error, now, Backoff.Delay(o.FailureBackoffBase, o.FailureBackoffMax, row.Attempts));
    }

    private void Retry(LedgerRow row, string error, DateTimeOffset now, TimeSpan delay)
    {
        row.StatusValue = LedgerStatus.Failed;
        row.LastError = Truncate(error);
        row.NextAttemptAt = LedgerRow.Ms(now + delay);
        _details[row.Id] = row.LastError;
    }

    private void Dead(LedgerRow row, string error)
    {
        row.StatusValue = LedgerStatus.Dead;
        row.LastError = Truncate(error);
        row.NextAttemptAt = null;
        _details[row.Id] = row.LastError;
    }

    private static string Truncate(string s) => s.Length <= 1000 ? s : s[..1000];
}
