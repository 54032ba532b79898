namespace CertyoOdoo.Web.Ledger;

/// <summary>
/// A ledger row as stored (times in Unix milliseconds), mutated by jobs between claim and completion.
/// The REST surface sees <see cref="LedgerEntry"/> instead.
/// </summary>
internal sealed class LedgerRow
{
    public const string Columns =
        "id, tenant, model, odoo_id, record_id, status, version, payload_hash, record_hash, idempotency_key, attempts, " +
        "last_error, next_attempt_at, recheck, notified_at, claim_token, claim_expires, odoo_status, odoo_status_due, " +
        "created_at, updated_at, ingested_at, anchored_at, verify_due_at, verify_attempts, merkle_root";

    public long Id { get; set; }
    public string Tenant { get; set; } = "";
    public string Model { get; set; } = "";
    public int OdooId { get; set; }
    public string? RecordId { get; set; }
    public string Status { get; set; } = "pending";
    public int Version { get; set; }
    public string? PayloadHash { get; set; }
    public string? RecordHash { get; set; }
    public string? IdempotencyKey { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public long? NextAttemptAt { get; set; }
    public int Recheck { get; set; }
    public long NotifiedAt { get; set; }
    public string? ClaimToken { get; set; }
    public long? ClaimExpires { get; set; }
    public string? OdooStatus { get; set; }
    public string? OdooStatusDue { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public long? IngestedAt { get; set; }
    public long? AnchoredAt { get; set; }
    public long? VerifyDueAt { get; set; }
    public int VerifyAttempts { get; set; }
    public string? MerkleRoot { get; set; }

    public LedgerStatus StatusValue
    {
        get => LedgerStatusText.Parse(Status);
        set => Status = value.ToText();
    }

    public LedgerEntry ToEntry() => new(
        Id, Tenant, Model, OdooId, RecordId, StatusValue, Version, PayloadHash, RecordHash, IdempotencyKey, Attempts,
        LastError, Time(NextAttemptAt), Recheck != 0, OdooStatus, Time(CreatedAt)!.Value, Time(UpdatedAt)!.Value,
        Time(IngestedAt), Time(AnchoredAt), Time(VerifyDueAt), VerifyAttempts, MerkleRoot);

    public LedgerRow Clone() => (LedgerRow)MemberwiseClone();

    public static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset? Time(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}

/// <summary>A claimed row's new state, with the status it had when claimed and a note for the history.</summary>
internal sealed record LedgerChange(LedgerRow Row, string FromStatus, string? Detail);

/// <summary>Work the dispatcher should enqueue: ingest (per tenant and model) or verify (per tenant).</summary>
internal sealed record DueWork(string Tenant, string Model, string Kind)
{
    public const string Ingest = "ingest";
    public const string Verify = "verify";
}

/// <summary>What a notification did to the ledger.</summary>
internal sealed record NotificationOutcome(int Inserted, int Rechecked);
