using System.Globalization;
using System.Net;
using System.Text.Json;

namespace CertyoOdoo.Certyo.Client;

/// <summary>
/// An RFC 9457 problem answer, read leniently: title, detail and the <c>errors</c> member, whose keys (or
/// <c>index</c> fields) name the failing records of a bulk call ("3", "[3]", "[3].recordId", ...).
/// </summary>
internal sealed record CertyoProblem(string? Title, string? Detail, IReadOnlyDictionary<int, string> ErrorsByIndex, IReadOnlyList<string> OtherErrors)
{
    private static readonly CertyoProblem Empty = new(null, null, new Dictionary<int, string>(), []);

    public static CertyoProblem Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return Empty;
        }

        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Empty;
            }

            var byIndex = new Dictionary<int, string>();
            var other = new List<string>();
            if (root.TryGetProperty("errors", out var errors))
            {
                ReadErrors(errors, byIndex, other);
            }

            return new CertyoProblem(Text(root, "title"), Text(root, "detail"), byIndex, other);
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    /// <summary>A one-line description, for exception messages.</summary>
    public string Describe(HttpStatusCode status)
    {
        var text = $"Certyo answered {(int)status}";
        if (!string.IsNullOrWhiteSpace(Title))
        {
            text += $" {Title}";
        }

        if (!string.IsNullOrWhiteSpace(Detail))
        {
            text += $": {Detail}";
        }

        if (OtherErrors.Count > 0)
        {
            text += $" ({string.Join("; ", OtherErrors.Take(5))})";
        }

        return text;
    }

    private static void ReadErrors(JsonElement errors, Dictionary<int, string> byIndex, List<string> other)
    {
        if (errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in errors.EnumerateObject())
            {
                var message = Messages(property.Value);
                if (TryIndex(property.Name, out var index, out var field))
                {
                    Add(byIndex, index, field is null ? message : $"{field}: {message}");
                }
                else
                {
                    other.Add($"{property.Name}: {message}");
                }
            }
        }
        else if (errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in errors.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var bare))
                {
                    Add(byIndex, bare, "refused");
                }
                else if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("index", out var idx) && idx.TryGetInt32(out var index))
                {
                    Add(byIndex, index, Text(item, "message") ?? Text(item, "detail") ?? Text(item, "error") ?? "refused");
                }
                else
                {
                    other.Add(Messages(item));
                }
            }
        }
    }

    private static bool TryIndex(string key, out int index, out string? field)
    {
        field = null;
        var span = key.AsSpan().TrimStart('[');
        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        if (digits == 0 || !int.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            index = -1;
            return false;
        }

        var rest = span[digits..].TrimStart(']').TrimStart('.');
        field = rest.IsEmpty ? null : rest.ToString();
        return true;
    }

    private static void Add(Dictionary<int, string> byIndex, int index, string message) =>
        byIndex[index] = byIndex.TryGetValue(index, out var existing) ? $"{existing}; {message}" : message;

    private static string Messages(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(Messages)),
        _ => value.GetRawText(),
    };

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
