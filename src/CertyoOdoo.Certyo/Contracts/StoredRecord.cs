using System.Text.Json;

namespace CertyoOdoo.Certyo.Contracts;

/// <summary>One record as <c>GET /api/v1/records</c> returns it.</summary>
public sealed record StoredRecord
{
    public required string TenantId { get; init; }
    public required string Database { get; init; }
    public required string Collection { get; init; }
    public required string RecordId { get; init; }
    public string RecordVersion { get; init; } = "1";
    public required string RecordHash { get; init; }
    public string? IdempotencyKey { get; init; }
    public string? OperationType { get; init; }
    public string? SourceTimestamp { get; init; }
    public DateTimeOffset AcceptedAt { get; init; }
    public string? Status { get; init; }
    public JsonElement? RecordPayload { get; init; }
}
