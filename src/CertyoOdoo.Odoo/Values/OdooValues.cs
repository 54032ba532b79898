using System.Globalization;
using System.Text.Json;

namespace CertyoOdoo.Odoo.Values;

/// <summary>
/// Reads and writes values the way Odoo sends them: <c>false</c> for empty, many2one as
/// <c>[id, "display name"]</c>, x2many as id lists, datetimes as naive UTC strings.
/// </summary>
public static class OdooValues
{
    /// <summary>The only datetime format Odoo accepts in writes and domains.</summary>
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    private static readonly string[] ReadFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd"];

    /// <summary>True when Odoo means "no value": <c>false</c>, null or a missing member.</summary>
    public static bool IsEmpty(JsonElement value) => value.ValueKind is JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined;

    /// <summary>A member of a record, or default(JsonElement) (Undefined) when absent.</summary>
    public static JsonElement Field(JsonElement record, string name) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(name, out var value) ? value : default;

    /// <summary>A char/text/selection value; null for <c>false</c>.</summary>
    public static string? GetString(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An integer value; null for <c>false</c>.</summary>
    public static int? GetInt(JsonElement value) => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null;

    /// <summary>A float value as decimal; 0 for <c>false</c>.</summary>
    public static decimal GetDecimal(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? (value.TryGetDecimal(out var d) ? d : (decimal)value.GetDouble()) : 0m;

    /// <summary>A float value; null for <c>false</c>.</summary>
    public static double? GetDouble(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    /// <summary>A boolean value (Odoo's <c>false</c> is also "empty").</summary>
    public static bool GetBool(JsonElement value) => value.ValueKind == JsonValueKind.True;

    /// <summary>A many2one <c>[id, "name"]</c>; null for <c>false</c>. A bare id (some writes echo it) gives an empty name.</summary>
    public static OdooReference? GetMany2One(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array when value.GetArrayLength() >= 1 && value[0].TryGetInt32(out var id):
                var name = value.GetArrayLength() > 1 && value[1].ValueKind == JsonValueKind.String ? value[1].GetString()! : "";
                return new OdooReference(id, name);
            case JsonValueKind.Number when value.TryGetInt32(out var bare):
                return new OdooReference(bare, "");
            default:
                return null;
        }
    }

    /// <summary>An x2many id list; empty for <c>false</c>.</summary>
    public static IReadOnlyList<int> GetIds(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var ids = new List<int>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.TryGetInt32(out var id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>A datetime (<c>"2026-11-16 16:03:29"</c>, optionally with microseconds) as UTC; null for <c>false</c>.</summary>
    public static DateTime? GetDateTime(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && TryParseDateTime(value.GetString(), out var dt) ? dt : null;

    /// <summary>Parses Odoo's naive UTC datetime text (a date alone gives midnight).</summary>
    public static bool TryParseDateTime(string? text, out DateTime value)
    {
        var ok = DateTime.TryParseExact(text, ReadFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);
        if (ok)
        {
            value = DateTime.SpecifyKind(value, DateTimeKind.Utc);
        }

        return ok;
    }

    /// <summary>Formats a datetime for writes and domains: UTC, <c>yyyy-MM-dd HH:mm:ss</c> (Odoo refuses ISO T/Z).</summary>
    /// <remarks>Unspecified kinds are taken as UTC; sub-second digits are dropped.</remarks>
    public static string FormatDateTime(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        return utc.ToString(DateTimeFormat, CultureInfo.InvariantCulture);
    }

    /// <summary>Formats an offset datetime for Odoo, converting it to UTC.</summary>
    public static string FormatDateTime(DateTimeOffset value) => value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);
}

/// <summary>A many2one value: the id and the display name Odoo sent with it.</summary>
public sealed record OdooReference(int Id, string Name);
