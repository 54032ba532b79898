using System.Text.Json;
using CertyoOdoo.Certyo.Contracts;

namespace CertyoOdoo.Web.Mapping;

/// <summary>
/// An Odoo record mapped to Certyo's shape, before a version is chosen. <see cref="PayloadHash"/> is the
/// SHA-256 of the JCS form of <c>{recordId, sourceTimestamp, recordPayload}</c>: what decides whether
/// the record changed since it was last sent.
/// </summary>
internal sealed record MappedRecord(string Collection, string RecordId, string? SourceTimestamp, JsonElement Payload, string PayloadHash)
{
    /// <summary>Certyo's <c>database</c> for every record of this project.</summary>
    public const string Database = "odoo";

    /// <summary><c>{collection}:{recordId}:v{n}</c>: unique per model, record and version (the guide's <c>{name}-v1</c> collides across models).</summary>
    public static string IdempotencyKey(string collection, string recordId, int version) => $"{collection}:{recordId}:v{version}";

    /// <summary>The record to send as <paramref name="version"/> (1 = insert, later = update).</summary>
    public CertyoRecord ToCertyo(string tenantId, int version) => new()
    {
        TenantId = tenantId,
        Database = Database,
        Collection = Collection,
        RecordId = RecordId,
        RecordPayload = Payload,
        RecordVersion = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OperationType = version == 1 ? "insert" : "update",
        SourceTimestamp = SourceTimestamp,
        IdempotencyKey = IdempotencyKey(Collection, RecordId, version),
    };
}
