using System.Text.Json;
using CertyoOdoo.Certyo.Client;
using CertyoOdoo.Certyo.Contracts;
using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Mapping;
using CertyoOdoo.Web.Tenants;

namespace CertyoOdoo.Web.Jobs;

/// <summary>
/// Re-reads a ledger row's record from Odoo and compares its canonical payload hash (<see cref="IRecordAuditor"/>);
/// when they differ, names the fields that changed against the version Certyo holds.
/// </summary>
internal sealed class RecordAuditor(ILedgerAdmin ledger, TenantRegistry tenants) : IRecordAuditor
{
    public async Task<AuditResult?> AuditAsync(long id, CancellationToken cancellationToken)
    {
        var details = await ledger.GetAsync(id, cancellationToken);
        if (details is null)
        {
            return null;
        }

        var e = details.Entry;
        var model = tenants.Model(e.Tenant, e.Model)
            ?? throw new ArgumentException($"Tenant '{e.Tenant}' no longer anchors '{e.Model}'.", nameof(id));
        var documents = await tenants.Odoo(e.Tenant).ReadAsync(e.Model, [e.OdooId], model.ExtraFields, cancellationToken);
        var document = documents.FirstOrDefault(d => d.Id == e.OdooId);
        if (document is null)
        {
            return Result(e, AuditVerdict.Deleted, null, null, "The record no longer exists in Odoo.");
        }

        var current = RecordMapper.Map(document);
        if (e.PayloadHash is null)
        {
            return Result(e, AuditVerdict.NotSent, document.State, current.PayloadHash, "Never accepted by Certyo yet: nothing to compare with.");
        }

        if (!document.IsDone)
        {
            return Result(e, AuditVerdict.NotDone, document.State, current.PayloadHash, $"The record is no longer done in Odoo (state: {document.State}).");
        }

        if (current.PayloadHash == e.PayloadHash)
        {
            return Result(e, AuditVerdict.Matches, document.State, current.PayloadHash, $"Odoo's record matches version {e.Version} as sent to Certyo ({e.Status.ToText()}).") with { ChangedFields = [] };
        }

        var (changed, why) = await ChangedFieldsAsync(e, current, cancellationToken);
        var fields = changed is { Count: > 0 } ? $" ({string.Join(", ", changed)})" : "";
        return Result(e, AuditVerdict.Changed, document.State, current.PayloadHash,
            $"The record changed in Odoo since version {e.Version} was sent{fields}; a resync sends version {e.Version + 1}.{why}") with { ChangedFields = changed };
    }

    /// <summary>
    /// The top-level payload fields (and recordId, sourceTimestamp) that differ from the version Certyo stored;
    /// null with a reason when Certyo cannot tell (the ledger keeps hashes, not payloads).
    /// </summary>
    private async Task<(IReadOnlyList<string>? Fields, string Why)> ChangedFieldsAsync(LedgerEntry e, MappedRecord current, CancellationToken cancellationToken)
    {
        if (e.RecordId is null)
        {
            return (null, "");
        }

        IReadOnlyList<StoredRecord> versions;
        try
        {
            var tenantId = tenants.Get(e.Tenant).Certyo.TenantId;
            versions = await tenants.Certyo(e.Tenant).QueryAsync(new CertyoQuery(tenantId, MappedRecord.Database, e.Model, e.RecordId), cancellationToken);
        }
        catch (CertyoException ex)
        {
            return (null, $" Which fields changed is unknown: Certyo could not be asked ({ex.Message}).");
        }

        var version = e.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sent = versions.LastOrDefault(v => v.RecordVersion == version);
        if (sent?.RecordPayload is not { ValueKind: JsonValueKind.Object } payload)
        {
            return (null, $" Which fields changed is unknown: Certyo returned no payload for version {e.Version}.");
        }

        return (Diff(sent, payload, current), "");
    }

    private static List<string> Diff(StoredRecord sent, JsonElement before, MappedRecord now)
    {
        var changed = new SortedSet<string>(StringComparer.Ordinal);
        if (sent.RecordId != now.RecordId)
        {
            changed.Add("recordId");
        }

        if (!SameInstant(sent.SourceTimestamp, now.SourceTimestamp))
        {
            changed.Add("sourceTimestamp");
        }

        var after = now.Payload.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        foreach (var property in before.EnumerateObject())
        {
            if (!after.Remove(property.Name, out var value) || !JsonElement.DeepEquals(property.Value, value))
            {
                changed.Add(property.Name);
            }
        }

        changed.UnionWith(after.Keys); // fields that were not in the version sent
        return [.. changed];
    }

    private static bool SameInstant(string? a, string? b) =>
        a == b || (DateTimeOffset.TryParse(a, System.Globalization.CultureInfo.InvariantCulture, out var x)
                   && DateTimeOffset.TryParse(b, System.Globalization.CultureInfo.InvariantCulture, out var y) && x == y);

    private static AuditResult Result(LedgerEntry e, string verdict, string? state, string? current, string detail) =>
        new(e.Id, e.Tenant, e.Model, e.OdooId, e.RecordId, e.Status, e.Version, verdict != AuditVerdict.Deleted, state, e.PayloadHash, current, e.RecordHash,
            verdict == AuditVerdict.Matches, detail)
        {
            Verdict = verdict,
        };
}
