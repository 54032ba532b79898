using System.Text.Json;
using CertyoOdoo.Odoo.Errors;

namespace CertyoOdoo.Odoo.Transport;

/// <summary>Checks <c>load</c>'s answer: <c>{ids: [...] | false, messages: [{type, message, ...}], nextrow}</c>.</summary>
internal static class LoadResults
{
    public static IReadOnlyList<int> Check(JsonElement result, string model, SecretScrubber scrubber)
    {
        var errors = new List<string>();
        if (result.ValueKind == JsonValueKind.Object && result.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var m in messages.EnumerateArray())
            {
                var type = m.TryGetProperty("type", out var t) ? t.GetString() : null;
                if (type is "error")
                {
                    var text = m.TryGetProperty("message", out var msg) && msg.ValueKind == JsonValueKind.String ? msg.GetString()! : m.GetRawText();
                    var row = m.TryGetProperty("record", out var rec) && rec.ValueKind == JsonValueKind.Number ? $" (row {rec.GetInt32()})" : "";
                    errors.Add(scrubber.Scrub(text) + row);
                }
            }
        }

        var ids = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("ids", out var idList) ? idList : default;
        if (errors.Count > 0 || ids.ValueKind != JsonValueKind.Array)
        {
            if (errors.Count == 0)
            {
                errors.Add("load answered no ids.");
            }

            throw new OdooLoadException($"Odoo refused the load on {model}: {string.Join("; ", errors.Take(5))}", errors) { Model = model, Method = "load" };
        }

        return Values.OdooValues.GetIds(ids);
    }
}
