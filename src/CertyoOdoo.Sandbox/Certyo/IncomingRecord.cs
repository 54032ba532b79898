using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using CertyoOdoo.Certyo;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>A record that passed validation, with its recordHash computed.</summary>
internal sealed record IncomingRecord(
    string TenantId,
    string Database,
    string Collection,
    string RecordId,
    string RecordVersion,
    string? ClientId,
    string? OperationType,
    string? SourceTimestamp,
    string? IdempotencyKey,
    string PayloadJson,
    string RecordHash)
{
    /// <summary>Largest accepted record, in bytes of JSON.</summary>
    public const int MaxRecordBytes = 1024 * 1024;

    private static readonly string[] OperationTypes = ["upsert", "insert", "update", "delete"];

    /// <summary>Validates one element of a request; errors are added under "{prefix}field".</summary>
    public static IncomingRecord? Parse(JsonElement element, string prefix, Dictionary<string, string[]> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors[prefix.TrimEnd('.') is { Length: > 0 } p ? p : "body"] = ["A record must be a JSON object."];
            return null;
        }

        var before = errors.Count;
        var tenantId = Required(element, "tenantId", prefix, errors);
        var database = Required(element, "database", prefix, errors);
        var collection = Required(element, "collection", prefix, errors);
        var recordId = Required(element, "recordId", prefix, errors);
        var clientId = Optional(element, "clientId", prefix, errors);
        var version = Optional(element, "recordVersion", prefix, errors);
        var operation = Optional(element, "operationType", prefix, errors);
        var timestamp = Optional(element, "sourceTimestamp", prefix, errors);
        var idempotencyKey = Optional(element, "idempotencyKey", prefix, errors);

        if (!element.TryGetProperty("recordPayload", out var payload) || payload.ValueKind == JsonValueKind.Null)
        {
            errors[prefix + "recordPayload"] = ["is required."];
        }
        else if (payload.ValueKind != JsonValueKind.Object)
        {
            errors[prefix + "recordPayload"] = ["must be a JSON object."];
        }

        if (version is { Length: 0 })
        {
            errors[prefix + "recordVersion"] = ["must not be empty."];
        }

        if (operation is not null && !OperationTypes.Contains(operation))
        {
            errors[prefix + "operationType"] = ["must be one of upsert, insert, update, delete."];
        }

        if (timestamp is not null && !DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            errors[prefix + "sourceTimestamp"] = ["must be an ISO 8601 date and time."];
        }

        if (idempotencyKey is { Length: 0 or > 512 })
        {
            errors[prefix + "idempotencyKey"] = ["must hold 1 to 512 characters when present."];
        }

        if (errors.Count > before)
        {
            return null;
        }

        string hash;
        try
        {
            hash = RecordHasher.Hash(tenantId!, database!, collection!, recordId!, version, payload);
        }
        catch (FormatException e)
        {
            errors[prefix + "recordPayload"] = [$"cannot be canonicalized (RFC 8785): {e.Message}"];
            return null;
        }

        return new IncomingRecord(tenantId!, database!, collection!, recordId!, version ?? RecordHasher.DefaultRecordVersion,
            clientId, operation, timestamp, idempotencyKey, payload.GetRawText(), hash);
    }

    /// <summary>Size of the element's JSON text, without copying it.</summary>
    public static int RawSize(JsonElement element) => JsonMarshal.GetRawUtf8Value(element).Length;

    private static string? Required(JsonElement element, string name, string prefix, Dictionary<string, string[]> errors)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors[prefix + name] = ["is required."];
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            errors[prefix + name] = ["must be a non-empty string."];
            return null;
        }

        return value.GetString();
    }

    private static string? Optional(JsonElement element, string name, string prefix, Dictionary<string, string[]> errors)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors[prefix + name] = ["must be a string."];
            return null;
        }

        return value.GetString();
    }
}
