using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Schema;
using CertyoOdoo.Sandbox.Odoo.Store;

namespace CertyoOdoo.Sandbox.Odoo.Rpc;

/// <summary>write, create, unlink and load, each one transaction; values validated as Odoo does.</summary>
internal sealed class WriteMethods(OdooStore store, TransactionRunner runner, CustomFields customFields, LoadMethod load)
{
    public Task<JsonNode?> ExecuteAsync(ModelTable table, BoundArgs args, CancellationToken cancellationToken) => args.Call.Method switch
    {
        "write" => runner.RunAsync(args.Uid, tx => Write(tx, table, args), cancellationToken),
        "create" => runner.RunAsync(args.Uid, tx => Create(tx, table, args), cancellationToken),
        "unlink" => runner.RunAsync(args.Uid, tx => Unlink(tx, table, args), cancellationToken),
        "load" => LoadAsync(table, args, cancellationToken),
        _ => throw new OdooError(OdooError.AttributeErrorType, $"The method '{args.Call.Model}.{args.Call.Method}' does not exist"),
    };

    private async Task<JsonNode?> LoadAsync(ModelTable table, BoundArgs args, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.RunAsync(args.Uid, tx => load.Load(tx, table, args), cancellationToken);
        }
        catch (LoadFailed failed)
        {
            return failed.Result;
        }
    }

    /// <summary>Stages <paramref name="values"/> on one record, validating each field (also used by load).</summary>
    public void Apply(Transaction tx, ModelTable table, int id, JsonObject values)
    {
        foreach (var (name, value) in values)
        {
            if (!table.Schema.TryGet(name, out var field))
            {
                throw ReadMethods.InvalidField(store.Version, table.Name, name);
            }

            if (name == "id")
            {
                continue;
            }

            if (field.IsX2Many)
            {
                ApplyCommands(tx, table, id, field, value);
                continue;
            }

            var stored = OdooValues.FromJson(table.Name, field, value);
            MarkDone(tx, table, id, name, stored);
            tx.Set(table.Name, id, name, stored);
        }

        tx.Touch(table.Name, id);
    }

    private JsonNode? Write(Transaction tx, ModelTable table, BoundArgs args)
    {
        var ids = args.Ids();
        var values = args.Required("vals") as JsonObject ?? throw OdooError.Value("write() expects a dictionary of values");
        ValidateNames(table, values);
        using (store.ReadLock())
        {
            var missing = ids.Where(id => !table.Exists(id)).ToList();
            if (missing.Count > 0)
            {
                throw OdooError.Missing(table.Name, missing, args.Uid);
            }

            foreach (var id in ids)
            {
                Apply(tx, table, id, values);
            }
        }

        return true;
    }

    private JsonNode? Create(Transaction tx, ModelTable table, BoundArgs args)
    {
        var given = args.Required("vals_list");
        var list = given as JsonArray ?? [given?.DeepClone()];
        var ids = new JsonArray();
        using (store.ReadLock())
        {
            foreach (var item in list)
            {
                var values = item as JsonObject ?? throw OdooError.Value("create() expects dictionaries of values");
                ValidateNames(table, values);
                var id = table.Name switch
                {
                    "ir.model.fields" => customFields.Create(tx, values),
                    _ => CreateOne(tx, table, values),
                };
                ids.Add(id);
            }
        }

        return given is JsonArray ? ids : ids[0]!.DeepClone();
    }

    private int CreateOne(Transaction tx, ModelTable table, JsonObject values)
    {
        var row = new Dictionary<string, object?>();
        if (table.Name == "stock.picking")
        {
            row["state"] = "draft";
            row["priority"] = "0";
            row["company_id"] = 1;
            row["scheduled_date"] = tx.Now;
        }
        else if (table.Name == "mrp.production")
        {
            row["state"] = "draft";
            row["company_id"] = 1;
        }

        var id = tx.Insert(table.Name, row);
        Apply(tx, table, id, values);
        if (table.Name is "stock.picking" or "mrp.production" && tx.Get(table.Name, id, "name") is null or "/")
        {
            var type = tx.Get(table.Name, id, "picking_type_id") as int? ?? (table.Name == "stock.picking" ? 2 : 4);
            tx.Set(table.Name, id, "name", store.NextName(type));
        }

        return id;
    }

    private JsonNode? Unlink(Transaction tx, ModelTable table, BoundArgs args)
    {
        using (store.ReadLock())
        {
            foreach (var id in args.Ids().Where(table.Exists))
            {
                if (table.Name is "stock.picking" or "stock.move" or "mrp.production" && tx.Get(table.Name, id, "state") as string == "done")
                {
                    throw OdooError.User(table.Name == "mrp.production"
                        ? "Cannot delete a manufacturing order in done state."
                        : "You cannot cancel a stock move that has been set to 'Done'. Create a return in order to reverse the moves which took place.");
                }

                tx.Delete(table.Name, id);
            }
        }

        return true;
    }

    private void ValidateNames(ModelTable table, JsonObject values)
    {
        foreach (var (name, _) in values)
        {
            if (!table.Schema.Has(name))
            {
                throw ReadMethods.InvalidField(store.Version, table.Name, name);
            }
        }
    }

    private static void MarkDone(Transaction tx, ModelTable table, int id, string field, object? value)
    {
        if (field == "state" && value as string == "done" && table.Name is "stock.picking" or "mrp.production"
            && tx.Get(table.Name, id, "state") as string != "done")
        {
            tx.Done.Add(new DoneTransition(table.Name, id, tx.Get(table.Name, id, table.Name == "mrp.production" ? "date_finished" : "date_done")));
        }
    }

    /// <summary>x2many commands: (0, 0, vals), (1, id, vals), (2|3, id), (4, id), (5,), (6, 0, ids), or a bare id list.</summary>
    private void ApplyCommands(Transaction tx, ModelTable table, int id, FieldSchema field, JsonNode? value)
    {
        var current = (tx.Get(table.Name, id, field.Name) as IEnumerable<int> ?? []).ToList();
        foreach (var command in value as JsonArray ?? [])
        {
            if (command is not JsonArray { Count: > 0 } parts)
            {
                if (JsonValues.AsInt(command) is { } bare)
                {
                    current.Add(bare);
                }

                continue;
            }

            var code = JsonValues.AsInt(parts[0]);
            var target = parts.Count > 1 ? JsonValues.AsInt(parts[1]) : null;
            switch (code)
            {
                case 0 when store.TryTable(field.Relation!, out var related) && parts.Count > 2 && parts[2] is JsonObject vals:
                    var child = tx.Insert(related.Name, []);
                    if (store.Inverses.TryGetInverse(table.Name, field.Name, out var inverse))
                    {
                        tx.Set(related.Name, child, inverse.Inverse, id);
                    }

                    Apply(tx, related, child, vals);
                    current.Add(child);
                    break;
                case 1 when target is { } t && store.TryTable(field.Relation!, out var rel) && parts.Count > 2 && parts[2] is JsonObject update:
                    Apply(tx, rel, t, update);
                    break;
                case 2 or 3 when target is { } removed:
                    current.Remove(removed);
                    break;
                case 4 when target is { } added:
                    current.Add(added);
                    break;
                case 5:
                    current.Clear();
                    break;
                case 6 when parts.Count > 2 && parts[2] is JsonArray replacement:
                    current = [.. replacement.Select(JsonValues.AsInt).OfType<int>()];
                    break;
            }
        }

        if (field.Type == "many2many")
        {
            tx.Set(table.Name, id, field.Name, current.Distinct().ToList());
        }
    }
}
