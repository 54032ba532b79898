using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Mapping;
using CertyoOdoo.Web.Tenants;

namespace CertyoOdoo.Web.Jobs;

/// <summary>Re-reads a ledger row's record from Odoo and compares its canonical payload hash (<see cref="IRecordAuditor"/>).</summary>
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
            return Result(e, false, null, null, false, "The record no longer exists in Odoo.");
        }

        var current = RecordMapper.Map(document).PayloadHash;
        if (e.PayloadHash is null)
        {
            return Result(e, true, document.State, current, false, "Never accepted by Certyo yet: nothing to compare with.");
        }

        if (!document.IsDone)
        {
            return Result(e, true, document.State, current, false, $"The record is no longer done in Odoo (state: {document.State}).");
        }

        return current == e.PayloadHash
            ? Result(e, true, document.State, current, true, $"Odoo's record matches version {e.Version} as sent to Certyo ({e.Status.ToText()}).")
            : Result(e, true, document.State, current, false, $"The record changed in Odoo since version {e.Version} was sent; a resync sends version {e.Version + 1}.");
    }

    private static AuditResult Result(LedgerEntry e, bool exists, string? state, string? current, bool matches, string detail) =>
        new(e.Id, e.Tenant, e.Model, e.OdooId, e.RecordId, e.Status, e.Version, exists, state, e.PayloadHash, current, e.RecordHash, matches, detail);
}
