using CertyoOdoo.Web.Ledger;

namespace CertyoOdoo.Web.Jobs;

/// <summary>Re-reads a record from Odoo and says whether it still matches what was anchored.</summary>
internal interface IRecordAuditor
{
    /// <summary>Null when the ledger row is unknown.</summary>
    Task<AuditResult?> AuditAsync(long id, CancellationToken cancellationToken);
}

/// <summary>
/// Outcome of an audit. <see cref="Matches"/> is true when the record exists, is done and its
/// canonical payload hash equals the one last accepted by Certyo.
/// </summary>
internal sealed record AuditResult(
    long Id,
    string Tenant,
    string Model,
    int OdooId,
    string? RecordId,
    LedgerStatus Status,
    int Version,
    bool ExistsInOdoo,
    string? OdooState,
    string? AnchoredPayloadHash,
    string? CurrentPayloadHash,
    string? RecordHash,
    bool Matches,
    string Detail);
