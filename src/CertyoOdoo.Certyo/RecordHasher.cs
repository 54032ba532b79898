using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using CertyoOdoo.Certyo.Contracts;
using CertyoOdoo.Certyo.Json;

namespace CertyoOdoo.Certyo;

/// <summary>
/// Certyo's recordHash as the sandbox fixes it (certyo-api.md section 2): lowercase hex SHA-256 of the JCS form of
/// <c>{tenantId, database, collection, recordId, recordVersion, recordPayload}</c>, recordVersion defaulting to "1".
/// </summary>
public static class RecordHasher
{
    /// <summary>recordVersion when the record carries none.</summary>
    public const string DefaultRecordVersion = "1";

    /// <summary>The recordHash of <paramref name="record"/>.</summary>
    public static string Hash(CertyoRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Hash(record.TenantId, record.Database, record.Collection, record.RecordId, record.RecordVersion, record.RecordPayload);
    }

    /// <summary>The recordHash of the given fields.</summary>
    public static string Hash(string tenantId, string database, string collection, string recordId, string? recordVersion, JsonElement recordPayload)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        HashBytes(tenantId, database, collection, recordId, recordVersion, recordPayload, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Writes the 32 hash bytes to <paramref name="destination"/>.</summary>
    public static void HashBytes(string tenantId, string database, string collection, string recordId, string? recordVersion, JsonElement recordPayload, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(recordId);
        var buffer = new ArrayBufferWriter<byte>(256);

        // Members written directly in JCS order (UTF-16 code-unit order of the six names).
        Name("{\"collection\":"u8, buffer);
        JsonCanonicalizer.WriteString(collection, buffer);
        Name(",\"database\":"u8, buffer);
        JsonCanonicalizer.WriteString(database, buffer);
        Name(",\"recordId\":"u8, buffer);
        JsonCanonicalizer.WriteString(recordId, buffer);
        Name(",\"recordPayload\":"u8, buffer);
        JsonCanonicalizer.Write(recordPayload, buffer);
        Name(",\"recordVersion\":"u8, buffer);
        JsonCanonicalizer.WriteString(recordVersion ?? DefaultRecordVersion, buffer);
        Name(",\"tenantId\":"u8, buffer);
        JsonCanonicalizer.WriteString(tenantId, buffer);
        Name("}"u8, buffer);
        SHA256.HashData(buffer.WrittenSpan, destination);
    }

    private static void Name(ReadOnlySpan<byte> utf8, ArrayBufferWriter<byte> buffer) => buffer.Write(utf8);
}
