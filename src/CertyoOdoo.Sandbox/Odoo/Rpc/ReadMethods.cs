using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Schema;
using CertyoOdoo.Sandbox.Odoo.Store;

namespace CertyoOdoo.Sandbox.Odoo.Rpc;

/// <summary>search, search_read, search_count, read, fields_get, name_get, name_search.</summary>
internal sealed class ReadMethods(OdooStore store)
{
    private static readonly string[] AttributeOrder = ["help", "readonly", "relation", "required", "selection", "store", "string", "type"];

    public static OdooError InvalidField(int version, string model, string field) => OdooError.Value(version >= 19
        ? $"Invalid field {PyRepr.Str(field)} in {PyRepr.Str(model)}"
        : $"Invalid field {PyRepr.Str(field)} on model {PyRepr.Str(model)}");

    public JsonNode Search(ModelTable table, BoundArgs args)
    {
        var domain = args.Required("domain");
        using var _ = store.ReadLock();
        var ids = Query.Search(store, table, domain, args.Text("order"), args.Int("offset") ?? 0, args.Int("limit"));
        return new JsonArray([.. ids.Select(id => (JsonNode)id)]);
    }

    public JsonNode SearchCount(ModelTable table, BoundArgs args)
    {
        var domain = args.Required("domain");
        using var _ = store.ReadLock();
        return Query.Count(store, table, domain, args.Int("limit"));
    }

    public JsonNode SearchRead(ModelTable table, BoundArgs args)
    {
        using var _ = store.ReadLock();
        var fields = Fields(table, args.Names("fields"));
        var ids = Query.Search(store, table, args["domain"], args.Text("order"), args.Int("offset") ?? 0, args.Int("limit"));
        return Format(table, ids, fields, Names(args));
    }

    public JsonNode Read(ModelTable table, BoundArgs args)
    {
        var ids = args.Ids();
        using var _ = store.ReadLock();
        var fields = Fields(table, args.Names("fields"));
        // A missing id is left out, without a fault (recorded on every series).
        return Format(table, [.. ids.Where(table.Exists)], fields, Names(args));
    }

    public JsonNode Exists(ModelTable table, BoundArgs args)
    {
        using var _ = store.ReadLock();
        return new JsonArray([.. args.Ids().Where(table.Exists).Select(id => (JsonNode)id)]);
    }

    public JsonNode NameGet(ModelTable table, BoundArgs args)
    {
        using var _ = store.ReadLock();
        return new JsonArray([.. args.Ids().Where(table.Exists).Select(id => (JsonNode)new JsonArray(id, store.DisplayName(table.Name, id)))]);
    }

    public JsonNode NameSearch(ModelTable table, BoundArgs args)
    {
        var name = args.Text("name") ?? "";
        var op = args.Text("operator") ?? "ilike";
        using var _ = store.ReadLock();
        var ids = Query.Search(store, table, args["domain"], null, 0, null)
            .Where(id => name.Length == 0 || Matches(store.DisplayName(table.Name, id), name, op))
            .Take(args.Int("limit") ?? 100);
        return new JsonArray([.. ids.Select(id => (JsonNode)new JsonArray(id, store.DisplayName(table.Name, id)))]);
    }

    public JsonNode FieldsGet(ModelTable table, BoundArgs args)
    {
        var wanted = args.Names("attributes");
        var only = args.Names("allfields");
        var result = new JsonObject();
        using var _ = store.ReadLock();
        foreach (var field in table.Schema.Fields)
        {
            if (only is { Count: > 0 } && !only.Contains(field.Name))
            {
                continue;
            }

            var attributes = new JsonObject();
            foreach (var name in AttributeOrder)
            {
                if ((wanted is null || wanted.Contains(name)) && Attribute(field, name) is { } value)
                {
                    attributes[name] = value;
                }
            }

            result[field.Name] = attributes;
        }

        return result;
    }

    private static JsonNode? Attribute(FieldSchema field, string name) => name switch
    {
        "help" => field.Help is { } help ? JsonValue.Create(help) : null,
        "readonly" => field.Readonly,
        "relation" => field.Relation is { } relation ? JsonValue.Create(relation) : null,
        "required" => field.Required,
        "selection" => field.Selection is { } selection ? new JsonArray([.. selection.Select(s => (JsonNode)new JsonArray(s.Key, s.Value))]) : null,
        "store" => field.Store,
        "string" => field.String,
        "type" => field.Type,
        _ => null,
    };

    private static bool Matches(string text, string value, string op) => op switch
    {
        "=" => text == value,
        "ilike" => text.Contains(value, StringComparison.OrdinalIgnoreCase),
        "like" => text.Contains(value, StringComparison.Ordinal),
        _ => text.Contains(value, StringComparison.OrdinalIgnoreCase),
    };

    private static bool Names(BoundArgs args) => !args.Has("load") || JsonValues.AsString(args["load"]) == "_classic_read";

    private List<FieldSchema> Fields(ModelTable table, List<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            return [.. table.Schema.Fields.Where(f => f.Name != "id")];
        }

        var fields = new List<FieldSchema>();
        foreach (var name in names.Distinct())
        {
            if (name == "id")
            {
                continue;
            }

            fields.Add(table.Schema.TryGet(name, out var field) ? field : throw InvalidField(store.Version, table.Name, name));
        }

        return fields;
    }

    private JsonArray Format(ModelTable table, List<int> ids, List<FieldSchema> fields, bool names)
    {
        var records = new JsonArray();
        foreach (var id in ids)
        {
            var record = new JsonObject { ["id"] = id };
            foreach (var field in fields)
            {
                record[field.Name] = store.ToJson(table, id, field, names);
            }

            records.Add(record);
        }

        return records;
    }
}
