namespace CertyoOdoo.Certyo.Contracts;

/// <summary>Filters of <c>GET /api/v1/records</c>; null filters are not sent.</summary>
public sealed record CertyoQuery(
    string TenantId,
    string? Database = null,
    string? Collection = null,
    string? RecordId = null,
    int? Limit = null,
    int? Offset = null);
