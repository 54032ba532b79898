using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CertyoOdoo.Sandbox.Odoo.Rpc;
using CertyoOdoo.Sandbox.Odoo.Schema;

namespace CertyoOdoo.Sandbox.Odoo.Store;

/// <summary>One leaf's test on a raw value, with SQL's null rules as Odoo applies them.</summary>
internal static class LeafTest
{
    public static Func<object?, bool> Build(OdooStore store, FieldSchema field, string op, JsonNode? value)
    {
        if (op == "<>")
        {
            op = "!=";
        }

        if (field.IsX2Many)
        {
            return X2Many(op, value);
        }

        if (field.Type == "many2one" && JsonValues.AsString(value) is { } name)
        {
            // Odoo matches a text against the related records' display names.
            var inner = Text(op, name);
            var relation = field.Relation!;
            return raw => raw is int id && inner(store.DisplayName(relation, id));
        }

        return op switch
        {
            "in" or "not in" => Membership(field, op == "in", value),
            "=" or "!=" when JsonValues.IsFalse(value) && field.Type != "boolean" => op == "=" ? static raw => raw is null : static raw => raw is not null,
            "like" or "ilike" or "=like" or "=ilike" or "not like" or "not ilike" => Like(op, value),
            _ => Compare(field, op, Convert(field, value)),
        };
    }

    private static Func<object?, bool> Compare(FieldSchema field, string op, object? expected)
    {
        if (field.Type == "boolean")
        {
            var flag = expected is true;
            return op == "=" ? raw => (raw is true) == flag : raw => (raw is true) != flag;
        }

        return op switch
        {
            "=" => raw => raw is not null && Order(raw, expected) == 0,
            "!=" => raw => raw is null || Order(raw, expected) != 0,
            "<" => raw => raw is not null && expected is not null && Order(raw, expected) < 0,
            "<=" => raw => raw is not null && expected is not null && Order(raw, expected) <= 0,
            ">" => raw => raw is not null && expected is not null && Order(raw, expected) > 0,
            _ => raw => raw is not null && expected is not null && Order(raw, expected) >= 0,
        };
    }

    private static Func<object?, bool> Membership(FieldSchema field, bool positive, JsonNode? value)
    {
        var items = value is JsonArray list ? list : [value?.DeepClone()];
        var withNull = items.Any(JsonValues.IsFalse) && field.Type != "boolean";
        var set = new HashSet<object>(items.Where(i => !JsonValues.IsFalse(i) || field.Type == "boolean").Select(i => Key(Convert(field, i))));
        return positive
            ? raw => raw is null ? withNull : set.Contains(Key(raw))
            : raw => raw is null ? !withNull : !set.Contains(Key(raw));
    }

    private static Func<object?, bool> X2Many(string op, JsonNode? value)
    {
        if (JsonValues.IsFalse(value))
        {
            return op is "=" or "in" ? static raw => raw is not IEnumerable<int> ids || !ids.Any() : static raw => raw is IEnumerable<int> ids && ids.Any();
        }

        var wanted = value is JsonArray list ? list.Select(JsonValues.AsInt).OfType<int>().ToHashSet() : [JsonValues.AsInt(value) ?? 0];
        var positive = op is "=" or "in";
        return raw => (raw is IEnumerable<int> ids && ids.Any(wanted.Contains)) == positive;
    }

    private static Func<object?, bool> Like(string op, JsonNode? value)
    {
        var text = JsonValues.AsString(value) ?? value?.ToString() ?? "";
        var negative = op.StartsWith("not ", StringComparison.Ordinal);
        var test = Text(negative ? op[4..] : op, text);
        return negative ? raw => raw is null || !test(Format(raw)) : raw => raw is not null && test(Format(raw));
    }

    private static Func<string, bool> Text(string op, string pattern)
    {
        if (op is "=" or "!=" or "in")
        {
            return op == "!=" ? s => s != pattern : s => s == pattern;
        }

        var anchored = op.StartsWith('=');
        var body = Regex.Escape(pattern).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal);
        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (op.EndsWith("ilike", StringComparison.Ordinal) ? RegexOptions.IgnoreCase : RegexOptions.None);
        var regex = new Regex(anchored ? $"^{body}$" : body, options, TimeSpan.FromSeconds(1));
        return regex.IsMatch;
    }

    private static string Format(object raw) => raw is DateTime dt ? dt.ToString(OdooStore.DateTimeFormat, CultureInfo.InvariantCulture) : raw.ToString()!;

    /// <summary>A leaf value in the field's stored representation.</summary>
    private static object? Convert(FieldSchema field, JsonNode? value)
    {
        if (JsonValues.IsFalse(value))
        {
            return field.Type == "boolean" ? false : null;
        }

        return field.Type switch
        {
            "date" or "datetime" => JsonValues.AsString(value) is { } s && OdooValues.TryParseDateTime(s, out var dt) ? dt : null,
            "many2one" => JsonValues.AsInt(value),
            "integer" or "float" or "monetary" => value is JsonValue v && JsonValues.IsNumber(v) ? JsonValues.ToDouble(v) : null,
            "boolean" => JsonValues.Truthy(value),
            _ => JsonValues.AsString(value) ?? value?.ToString(),
        };
    }

    private static object Key(object? value) => value switch
    {
        long l => (double)l,
        null => "\0null",
        _ => value,
    };

    /// <summary>Compares two raw values of one field (numbers across long/double, ids, strings, dates).</summary>
    public static int Order(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => 1,
        (_, null) => -1,
        (string x, string y) => string.CompareOrdinal(x, y),
        (DateTime x, DateTime y) => x.CompareTo(y),
        (bool x, bool y) => x.CompareTo(y),
        (int x, int y) => x.CompareTo(y),
        (int x, double y) => ((double)x).CompareTo(y),
        _ when IsNumeric(a) && IsNumeric(b) => System.Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(System.Convert.ToDouble(b, CultureInfo.InvariantCulture)),
        _ => string.CompareOrdinal(a.ToString(), b.ToString()),
    };

    private static bool IsNumeric(object value) => value is long or double or int;
}
