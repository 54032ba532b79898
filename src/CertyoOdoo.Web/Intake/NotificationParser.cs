using System.Text.Json;

namespace CertyoOdoo.Web.Intake;

/// <summary>A notification reduced to what the service trusts from it: which records to look at.</summary>
internal sealed record Notification(string Model, IReadOnlyList<int> Ids, string Sender, string? Database);

/// <summary>
/// Parses the module's <c>{db, model, ids, event, sent_at}</c> and Odoo 17+'s native
/// <c>{_id, _model, _action, ...}</c>. Every other value in the body is ignored: Odoo's record is the truth.
/// </summary>
internal static class NotificationParser
{
    public const int MaxIds = 1000;

    /// <summary>The notification, or an error naming what is wrong.</summary>
    public static (Notification? Notification, string? Error) Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return (null, $"The body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "The body must be a JSON object.");
            }

            if (root.TryGetProperty("_model", out _) || root.TryGetProperty("_id", out _))
            {
                return Native(root);
            }

            if (root.TryGetProperty("model", out _) || root.TryGetProperty("ids", out _))
            {
                return Module(root);
            }

            return (null, "Unrecognised notification: expected _id and _model (Odoo webhook) or db, model and ids (Certyo module).");
        }
    }

    private static (Notification?, string?) Native(JsonElement root)
    {
        if (!root.TryGetProperty("_model", out var model) || model.ValueKind != JsonValueKind.String || model.GetString() is not { Length: > 0 } name)
        {
            return (null, "_model is missing or not a string.");
        }

        if (!root.TryGetProperty("_id", out var id) || !TryId(id, out var value))
        {
            return (null, "_id is missing or not a positive integer.");
        }

        return (new Notification(name, [value], "native", null), null);
    }

    private static (Notification?, string?) Module(JsonElement root)
    {
        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String || model.GetString() is not { Length: > 0 } name)
        {
            return (null, "model is missing or not a string.");
        }

        if (!root.TryGetProperty("db", out var db) || db.ValueKind != JsonValueKind.String)
        {
            return (null, "db is missing or not a string.");
        }

        if (!root.TryGetProperty("ids", out var ids) || ids.ValueKind != JsonValueKind.Array || ids.GetArrayLength() == 0)
        {
            return (null, "ids is missing or not a non-empty array.");
        }

        if (ids.GetArrayLength() > MaxIds)
        {
            return (null, $"ids holds more than {MaxIds} ids: split the notification.");
        }

        var list = new List<int>(ids.GetArrayLength());
        foreach (var item in ids.EnumerateArray())
        {
            if (!TryId(item, out var value))
            {
                return (null, "ids must hold positive integers only.");
            }

            list.Add(value);
        }

        return (new Notification(name, list, "module", db.GetString()), null);
    }

    private static bool TryId(JsonElement element, out int id)
    {
        id = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out id) && id > 0;
    }
}
