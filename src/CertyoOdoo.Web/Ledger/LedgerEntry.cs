namespace CertyoOdoo.Web.Ledger;

/// <summary>One ledger row: what the service knows about one Odoo record of one tenant.</summary>
/// <param name="Id">Ledger id (stable, used by the REST API).</param>
/// <param name="Tenant">Tenant name, as configured under <c>Tenants:{name}</c>.</param>
/// <param name="Model">Odoo model, e.g. <c>stock.picking</c>.</param>
/// <param name="OdooId">The record's id in Odoo.</param>
/// <param name="RecordId">The business reference sent to Certyo (null until first read).</param>
/// <param name="Status">Where the record stands.</param>
/// <param name="Version">Record version last accepted by Certyo (0 = never sent).</param>
/// <param name="PayloadHash">SHA-256 of the canonical payload last accepted by Certyo.</param>
/// <param name="RecordHash">Certyo's recordHash of the last accepted version.</param>
/// <param name="IdempotencyKey">Key of the last accepted version, <c>{collection}:{recordId}:v{n}</c>.</param>
/// <param name="Attempts">Failed attempts since the last success.</param>
/// <param name="LastError">Last failure, without secrets.</param>
/// <param name="NextAttemptAt">When the next ingest attempt is due (pending/failed).</param>
/// <param name="Recheck">A notification arrived after the row was processed: re-read it.</param>
/// <param name="OdooStatus">Status last written back to Odoo's field (null = nothing yet).</param>
/// <param name="CreatedAt">When the service first heard of the record.</param>
/// <param name="UpdatedAt">Last change of the row.</param>
/// <param name="IngestedAt">When Certyo last accepted a version.</param>
/// <param name="AnchoredAt">When Certyo anchored it (Certyo's time when given).</param>
/// <param name="VerifyDueAt">When the next verification is due (ingested).</param>
/// <param name="VerifyAttempts">Verifications that did not find the record anchored yet.</param>
/// <param name="MerkleRoot">Merkle root of the anchoring batch, once anchored.</param>
internal sealed record LedgerEntry(
    long Id,
    string Tenant,
    string Model,
    int OdooId,
    string? RecordId,
    LedgerStatus Status,
    int Version,
    string? PayloadHash,
    string? RecordHash,
    string? IdempotencyKey,
    int Attempts,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    bool Recheck,
    string? OdooStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? IngestedAt,
    DateTimeOffset? AnchoredAt,
    DateTimeOffset? VerifyDueAt,
    int VerifyAttempts,
    string? MerkleRoot);

/// <summary>One status transition of a ledger row.</summary>
internal sealed record LedgerHistoryEntry(
    long Id,
    long EntryId,
    DateTimeOffset At,
    LedgerStatus? FromStatus,
    LedgerStatus ToStatus,
    string? Detail);

/// <summary>A ledger row with its history, oldest transition first.</summary>
internal sealed record LedgerEntryDetails(LedgerEntry Entry, IReadOnlyList<LedgerHistoryEntry> History);

/// <summary>Which timestamp a date filter applies to.</summary>
internal enum LedgerDateField
{
    Created,
    Updated,
    Ingested,
    Anchored,
}

/// <summary>Filters of a ledger listing; null members do not filter. Pages are 1-based.</summary>
internal sealed record LedgerQuery(
    string? Tenant = null,
    string? Model = null,
    LedgerStatus? Status = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    LedgerDateField DateField = LedgerDateField.Updated,
    string? RecordId = null,
    int Page = 1,
    int PageSize = 50)
{
    public const int MaxPageSize = 500;
}

/// <summary>One page of a listing, newest update first.</summary>
internal sealed record LedgerPage(IReadOnlyList<LedgerEntry> Items, long Total, int Page, int PageSize);

/// <summary>Which rows a retry applies to: failed and dead by default.</summary>
internal sealed record RetryRequest(
    string? Tenant = null,
    string? Model = null,
    IReadOnlyList<long>? Ids = null,
    IReadOnlyList<LedgerStatus>? Statuses = null);
