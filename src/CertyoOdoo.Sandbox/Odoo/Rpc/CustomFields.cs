using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Schema;
using CertyoOdoo.Sandbox.Odoo.Store;

namespace CertyoOdoo.Sandbox.Odoo.Rpc;

/// <summary>
/// Creating a field through ir.model.fields (what a user with Settings rights can do over the API):
/// the row is stored and, at commit, the field joins its model, so fields_get, read and write see it.
/// </summary>
internal sealed class CustomFields(OdooStore store)
{
    private static readonly HashSet<string> SupportedTypes = ["char", "text", "selection", "datetime", "date", "integer", "float", "boolean", "many2one", "html"];

    public static void AddFieldRow(OdooStore store, int modelId, string model, FieldSchema field) =>
        store.Insert("ir.model.fields", new Dictionary<string, object?>
        {
            ["name"] = field.Name, ["model"] = model, ["model_id"] = modelId, ["field_description"] = field.String,
            ["ttype"] = field.Type, ["relation"] = field.Relation, ["required"] = field.Required, ["readonly"] = field.Readonly,
            ["store"] = field.Store, ["state"] = field.Name.StartsWith("x_", StringComparison.Ordinal) ? "manual" : "base",
            ["complete_name"] = $"{model}.{field.Name}",
        });

    public int Create(Transaction tx, JsonObject values)
    {
        var name = JsonValues.AsString(values["name"]) ?? throw OdooError.User("Field name is required.");
        var modelId = JsonValues.AsInt(values["model_id"]);
        var ir = store.Table("ir.model");
        var model = JsonValues.AsString(values["model"])
            ?? (modelId is { } m && ir.Find(m) is { } row ? row["model"] as string : null)
            ?? throw new OdooError("odoo.exceptions.ValidationError", "The model of the field is required.");
        modelId ??= ir.Ids.FirstOrDefault(id => ir.Get(id)["model"] as string == model);
        if (!store.TryTable(model, out var table))
        {
            throw OdooError.UnknownModel(model);
        }

        if (!name.StartsWith("x_", StringComparison.Ordinal))
        {
            throw new OdooError("odoo.exceptions.ValidationError", "Custom fields must have a name that starts with 'x_'!");
        }

        if (table.Schema.Has(name))
        {
            throw new OdooError("odoo.exceptions.ValidationError", $"Field names must be unique per model.\nField: {name}");
        }

        var type = JsonValues.AsString(values["ttype"]) ?? "char";
        if (!SupportedTypes.Contains(type))
        {
            throw OdooError.Value($"Wrong value for ir.model.fields.ttype: {PyRepr.Str(type)}");
        }

        var selection = new List<KeyValuePair<string, string>>();
        foreach (var command in values["selection_ids"] as JsonArray ?? [])
        {
            if (command is JsonArray { Count: 3 } parts && JsonValues.AsInt(parts[0]) == 0 && parts[2] is JsonObject option)
            {
                selection.Add(new(JsonValues.AsString(option["value"]) ?? "", JsonValues.AsString(option["name"]) ?? ""));
            }
        }

        if (type == "selection" && selection.Count == 0)
        {
            throw new OdooError("odoo.exceptions.ValidationError", "Selection field must have at least one option.");
        }

        var field = new FieldSchema(name, type, JsonValues.AsString(values["field_description"]) ?? name,
            JsonValues.AsString(values["relation"]), type == "selection" ? selection : null,
            JsonValues.Truthy(values["required"]), JsonValues.Truthy(values["readonly"]),
            values["store"] is null || JsonValues.Truthy(values["store"]), JsonValues.AsString(values["help"]));
        var id = tx.Insert("ir.model.fields", new Dictionary<string, object?>
        {
            ["name"] = name, ["model"] = model, ["model_id"] = modelId, ["field_description"] = field.String, ["ttype"] = type,
            ["relation"] = field.Relation, ["required"] = field.Required, ["readonly"] = field.Readonly, ["store"] = field.Store,
            ["state"] = "manual", ["complete_name"] = $"{model}.{name}", ["help"] = field.Help,
        });
        var sequence = 0L;
        foreach (var (value, label) in selection)
        {
            tx.Insert("ir.model.fields.selection", new Dictionary<string, object?> { ["field_id"] = id, ["value"] = value, ["name"] = label, ["sequence"] = sequence++ });
        }

        tx.OnCommit(() => table.Schema.Set(field));
        return id;
    }
}
