using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertyoOdoo.Sandbox.Odoo.Rpc;

/// <summary>Reads JSON scalars whether parsed (JsonElement-backed) or built from CLR values.</summary>
internal static class JsonValues
{
    public static bool IsInteger(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return element.ValueKind == JsonValueKind.Number && element.GetRawText().AsSpan().IndexOfAny(".eE") < 0;
        }

        return value.TryGetValue<int>(out _) || value.TryGetValue<long>(out _) || value.TryGetValue<short>(out _);
    }

    public static bool IsNumber(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    public static long ToLong(JsonValue value)
    {
        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }

        return (long)ToDouble(value);
    }

    public static double ToDouble(JsonValue value)
    {
        if (value.TryGetValue<double>(out var d))
        {
            return d;
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        return value.TryGetValue<decimal>(out var m) ? (double)m : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
    }

    /// <summary>Python truthiness of a JSON value.</summary>
    public static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            JsonValueKind.Number => ToDouble(v) != 0,
            _ => false,
        },
        _ => false,
    };

    public static bool IsFalse(JsonNode? node) => node is null || (node is JsonValue v && v.GetValueKind() is JsonValueKind.False or JsonValueKind.Null);

    public static string? AsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static int? AsInt(JsonNode? node) => node is JsonValue v && IsInteger(v) ? (int)ToLong(v) : null;
}
