using System.Diagnostics.Metrics;
using CertyoOdoo.Web.Ledger;

namespace CertyoOdoo.Web.Hosting;

/// <summary>
/// The service's instruments, on the Meter named <see cref="MeterName"/> (the exporter is wired by
/// the telemetry composition). Ledger gauges read a snapshot the dispatcher refreshes each sweep.
/// </summary>
internal sealed class ServiceMetrics
{
    public const string MeterName = "CertyoOdoo";

    private readonly Counter<long> _received;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _odooCalls;
    private readonly Histogram<double> _odooDuration;
    private readonly Counter<long> _certyoCalls;
    private readonly Histogram<double> _certyoDuration;
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _verifyExpired;
    private readonly Counter<long> _proofMismatches;
    private volatile LedgerSnapshot _snapshot = new([], null);

    public ServiceMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _received = meter.CreateCounter<long>("certyo_odoo.notifications.received", "{notification}", "Webhook notifications accepted (202).");
        _refused = meter.CreateCounter<long>("certyo_odoo.notifications.refused", "{notification}", "Webhook notifications refused (4xx), by reason.");
        _odooCalls = meter.CreateCounter<long>("certyo_odoo.odoo.calls", "{call}", "Calls to Odoo, by operation and outcome.");
        _odooDuration = meter.CreateHistogram<double>("certyo_odoo.odoo.duration", "ms", "Latency of calls to Odoo.");
        _certyoCalls = meter.CreateCounter<long>("certyo_odoo.certyo.calls", "{call}", "Calls to Certyo, by operation and outcome.");
        _certyoDuration = meter.CreateHistogram<double>("certyo_odoo.certyo.duration", "ms", "Latency of calls to Certyo.");
        _transitions = meter.CreateCounter<long>("certyo_odoo.records.transitions", "{record}", "Ledger rows entering a status.");
        _verifyExpired = meter.CreateCounter<long>("certyo_odoo.verify.expired", "{record}", "Records not anchored within the give-up period.");
        _proofMismatches = meter.CreateCounter<long>("certyo_odoo.verify.proof_mismatch", "{record}", "Merkle proofs from Certyo that did not check.");
        meter.CreateObservableGauge("certyo_odoo.records", ObserveStatuses, "{record}", "Ledger rows by tenant and status.");
        meter.CreateObservableGauge("certyo_odoo.pending.oldest_age", ObserveOldestPending, "s", "Age of the oldest row not yet ingested.");
    }

    public void NotificationReceived(string tenant, string sender) =>
        _received.Add(1, new("tenant", tenant), new("sender", sender));

    public void NotificationRefused(string tenant, string reason) =>
        _refused.Add(1, new("tenant", tenant), new("reason", reason));

    public void OdooCall(string operation, bool ok, TimeSpan elapsed)
    {
        _odooCalls.Add(1, new("operation", operation), new("outcome", ok ? "ok" : "error"));
        _odooDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));
    }

    public void CertyoCall(string operation, bool ok, TimeSpan elapsed)
    {
        _certyoCalls.Add(1, new("operation", operation), new("outcome", ok ? "ok" : "error"));
        _certyoDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));
    }

    public void Transition(string tenant, LedgerStatus status, int count = 1) =>
        _transitions.Add(count, new("tenant", tenant), new("status", status.ToText()));

    public void VerifyExpired(string tenant, int count) => _verifyExpired.Add(count, new KeyValuePair<string, object?>("tenant", tenant));

    public void ProofMismatch(string tenant) => _proofMismatches.Add(1, new KeyValuePair<string, object?>("tenant", tenant));

    public void Update(LedgerSnapshot snapshot) => _snapshot = snapshot;

    private IEnumerable<Measurement<long>> ObserveStatuses() =>
        _snapshot.Counts.Select(c => new Measurement<long>(c.Count, new("tenant", c.Tenant), new("status", c.Status)));

    private IEnumerable<Measurement<double>> ObserveOldestPending()
    {
        if (_snapshot.OldestPendingAge is { } age)
        {
            yield return new Measurement<double>(age.TotalSeconds);
        }
    }
}

/// <summary>Ledger figures for the gauges.</summary>
internal sealed record LedgerSnapshot(IReadOnlyList<StatusCount> Counts, TimeSpan? OldestPendingAge);

internal sealed record StatusCount(string Tenant, string Status, long Count);
