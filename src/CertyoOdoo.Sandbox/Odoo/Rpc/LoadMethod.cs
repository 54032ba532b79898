using System.Globalization;
using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Schema;
using CertyoOdoo.Sandbox.Odoo.Store;

namespace CertyoOdoo.Sandbox.Odoo.Rpc;

/// <summary>
/// load(fields, data): many records, different values, one call. Cells are strings converted the way
/// Odoo's import does: a selection takes its key or its label, a datetime is read in the context's
/// (else the user's) time zone and stored in UTC, an empty cell is False. Problems come back as
/// messages with ids False, and nothing is written.
/// </summary>
internal sealed class LoadMethod(OdooStore store, Lazy<WriteMethods> writes)
{
    public JsonNode? Load(Transaction tx, ModelTable table, BoundArgs args)
    {
        var fields = args.Names("fields") ?? throw OdooError.Value("load() needs a list of fields");
        var rows = args.Required("data") as JsonArray ?? [];
        var zone = TimeZone(JsonValues.AsString(args.Context["tz"]) ?? args.Call.User.Tz);
        var messages = new JsonArray();
        var ids = new JsonArray();
        using (store.ReadLock())
        {
            for (var r = 0; r < rows.Count; r++)
            {
                var cells = rows[r] as JsonArray ?? [];
                var values = new JsonObject();
                int? id = null;
                for (var c = 0; c < fields.Count && c < cells.Count; c++)
                {
                    var text = JsonValues.AsString(cells[c]) ?? cells[c]?.ToString() ?? "";
                    if (fields[c] == ".id")
                    {
                        id = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
                        continue;
                    }

                    if (!table.Schema.TryGet(fields[c], out var field))
                    {
                        messages.Add(Message(r, fields[c], $"Unknown field {PyRepr.Str(fields[c])} on model {PyRepr.Str(table.Name)}"));
                        continue;
                    }

                    if (Convert(field, text, zone, out var error) is var (ok, value) && ok)
                    {
                        values[field.Name] = value;
                    }
                    else
                    {
                        messages.Add(Message(r, field.Name, error!));
                    }
                }

                try
                {
                    if (id is { } existing)
                    {
                        if (!table.Exists(existing))
                        {
                            throw OdooError.Missing(table.Name, [existing], args.Uid);
                        }

                        writes.Value.Apply(tx, table, existing, values);
                    }
                    else
                    {
                        id = tx.Insert(table.Name, []);
                        writes.Value.Apply(tx, table, id.Value, values);
                    }

                    ids.Add(id.Value);
                }
                catch (OdooError e)
                {
                    messages.Add(Message(r, null, e.Message));
                }
            }
        }

        if (messages.Count > 0)
        {
            // Odoo rolls the whole import back when any record fails.
            throw new LoadFailed(new JsonObject { ["ids"] = false, ["messages"] = messages, ["nextrow"] = 0 });
        }

        return new JsonObject { ["ids"] = ids, ["messages"] = new JsonArray(), ["nextrow"] = 0 };
    }

    private static JsonObject Message(int row, string? field, string text)
    {
        var message = new JsonObject
        {
            ["type"] = "error",
            ["message"] = text,
            ["record"] = row,
            ["rows"] = new JsonObject { ["from"] = row, ["to"] = row },
        };
        if (field is not null)
        {
            message["field"] = field;
        }

        return message;
    }

    private static (bool Ok, JsonNode? Value) Convert(FieldSchema field, string text, TimeZoneInfo zone, out string? error)
    {
        error = null;
        if (text.Length == 0)
        {
            return (true, false);
        }

        switch (field.Type)
        {
            case "selection":
                var match = field.Selection?.FirstOrDefault(s => s.Key == text || string.Equals(s.Value, text, StringComparison.OrdinalIgnoreCase));
                if (match is { Key: not null } found)
                {
                    return (true, found.Key);
                }

                error = $"Value {PyRepr.Str(text)} not found in selection field {PyRepr.Str(field.String)}";
                return (false, null);
            case "datetime":
                if (DateTime.TryParseExact(text, OdooStore.DateTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                {
                    var utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
                    return (true, utc.ToString(OdooStore.DateTimeFormat, CultureInfo.InvariantCulture));
                }

                error = $"{PyRepr.Str(text)} does not seem to be a valid datetime for field {PyRepr.Str(field.String)}";
                return (false, null);
            case "boolean":
                return (true, text.ToLowerInvariant() is "1" or "true" or "yes");
            case "integer" or "float" or "monetary":
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return (true, field.Type == "integer" ? JsonValue.Create((long)number) : JsonValue.Create(number));
                }

                error = $"{PyRepr.Str(text)} does not seem to be a number for field {PyRepr.Str(field.String)}";
                return (false, null);
            default:
                return (true, text);
        }
    }

    private static TimeZoneInfo TimeZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}

/// <summary>load's answer when a row failed: returned to the caller, but the transaction is dropped.</summary>
internal sealed class LoadFailed(JsonObject result) : Exception("load failed")
{
    public JsonObject Result { get; } = result;
}
