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
    string Detail)
{
    /// <summary>One of <see cref="AuditVerdict"/>'s values.</summary>
    public required string Verdict { get; init; }

    /// <summary>
    /// With <see cref="AuditVerdict.Changed"/>: the payload fields (and <c>recordId</c>, <c>sourceTimestamp</c>)
    /// that differ from the version Certyo holds, sorted; empty when the record matches; null when unknown.
    /// </summary>
    public IReadOnlyList<string>? ChangedFields { get; init; }
}

/// <summary>An audit's verdict, as the API spells it.</summary>
internal static class AuditVerdict
{
    /// <summary>Done in Odoo, and hashes as the version last accepted by Certyo.</summary>
    public const string Matches = "matches";

    /// <summary>Done in Odoo, but its payload differs from the version last accepted by Certyo.</summary>
    public const string Changed = "changed";

    /// <summary>No longer done in Odoo (e.g. an MO unlocked, a picking returned to draft).</summary>
    public const string NotDone = "notDone";

    /// <summary>No longer in Odoo.</summary>
    public const string Deleted = "deleted";

    /// <summary>In the ledger but never accepted by Certyo: nothing to compare with.</summary>
    public const string NotSent = "notSent";
}
