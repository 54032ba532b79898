namespace CertyoOdoo.Certyo.Contracts;

/// <summary>Certyo's 202 answer for one record.</summary>
public sealed record IngestResult(
    string RecordId,
    string RecordHash,
    string TenantId,
    DateTimeOffset AcceptedAt,
    bool IdempotencyReplayed);
