using System.Globalization;
using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Rpc;
using CertyoOdoo.Sandbox.Odoo.Schema;

namespace CertyoOdoo.Sandbox.Odoo.Store;

/// <summary>Converts written values to stored ones, validating like Odoo's fields do.</summary>
internal static class OdooValues
{
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-dd"];

    public static bool TryParseDateTime(string text, out DateTime value) =>
        DateTime.TryParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>Python's str(datetime): seconds, plus microseconds when there are any.</summary>
    public static string PythonString(DateTime value) =>
        value.ToString(value.Ticks % TimeSpan.TicksPerSecond == 0 ? OdooStore.DateTimeFormat : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>The stored form of a value given to write/create; x2many fields are handled by the caller.</summary>
    public static object? FromJson(string model, FieldSchema field, JsonNode? value)
    {
        if (field.Type == "boolean")
        {
            return JsonValues.Truthy(value);
        }

        if (JsonValues.IsFalse(value))
        {
            return null;
        }

        switch (field.Type)
        {
            case "integer":
                return value is JsonValue i && JsonValues.IsNumber(i) ? JsonValues.ToLong(i) : ParseNumber(field, value, long.Parse);
            case "float":
            case "monetary":
                return value is JsonValue f && JsonValues.IsNumber(f) ? JsonValues.ToDouble(f) : ParseNumber(field, value, double.Parse);
            case "many2one":
                if (value is JsonArray { Count: > 0 } pair)
                {
                    value = pair[0];
                }

                return JsonValues.AsInt(value) ?? throw OdooError.Value($"Wrong value for {model}.{field.Name}: {PyRepr.Of(value)}");
            case "selection":
                var key = JsonValues.AsString(value) ?? value!.ToString();
                return field.IsSelectionKey(key) ? key : throw OdooError.Value($"Wrong value for {model}.{field.Name}: {PyRepr.Of(value)}");
            case "datetime":
                return ParseDate(value, OdooStore.DateTimeFormat, "%Y-%m-%d %H:%M:%S");
            case "date":
                return ParseDate(value, OdooStore.DateFormat, "%Y-%m-%d");
            default:
                return JsonValues.AsString(value) ?? (value is JsonValue v && JsonValues.IsNumber(v) ? PyRepr.Of(v) : value!.ToJsonString());
        }
    }

    private static DateTime ParseDate(JsonNode? value, string format, string pythonFormat)
    {
        var text = JsonValues.AsString(value) ?? PyRepr.Of(value);
        if (DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            return exact;
        }

        // Odoo also accepts a bare date for a datetime, and sub-second digits on read-back values.
        if (TryParseDateTime(text, out var lenient) && format == OdooStore.DateTimeFormat)
        {
            return lenient;
        }

        throw OdooError.Value($"time data {PyRepr.Str(text)} does not match format '{pythonFormat}'");
    }

    private static object ParseNumber<T>(FieldSchema field, JsonNode? value, Func<string, IFormatProvider, T> parse)
        where T : notnull
    {
        var text = JsonValues.AsString(value);
        try
        {
            return text is null ? throw new FormatException() : parse(text, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            var kind = field.Type == "integer" ? "int() with base 10" : "float()";
            throw OdooError.Value(field.Type == "integer"
                ? $"invalid literal for {kind}: {PyRepr.Of(value)}"
                : $"could not convert string to float: {PyRepr.Of(value)}");
        }
    }
}
