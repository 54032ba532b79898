using System.Text.Json;

namespace CertyoOdoo.Certyo.Contracts;

/// <summary>A record as Certyo ingests it (body of <c>POST /api/v1/records</c>, element of the bulk array).</summary>
public sealed record CertyoRecord
{
    public required string TenantId { get; init; }
    public required string Database { get; init; }
    public required string Collection { get; init; }
    public required string RecordId { get; init; }

    /// <summary>Any JSON object.</summary>
    public required JsonElement RecordPayload { get; init; }

    public string? ClientId { get; init; }

    /// <summary>Defaults to <c>"1"</c> on Certyo's side.</summary>
    public string? RecordVersion { get; init; }

    /// <summary><c>upsert</c>, <c>insert</c>, <c>update</c> or <c>delete</c>.</summary>
    public string? OperationType { get; init; }

    /// <summary>ISO 8601.</summary>
    public string? SourceTimestamp { get; init; }

    /// <summary>Required by this client: retries of a POST are only safe with one.</summary>
    public string? IdempotencyKey { get; init; }
}
