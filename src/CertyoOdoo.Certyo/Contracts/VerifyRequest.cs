namespace CertyoOdoo.Certyo.Contracts;

/// <summary>Body of <c>POST /api/v1/verify/record</c>.</summary>
public sealed record VerifyRequest(string TenantId, string Database, string Collection, string RecordId);
