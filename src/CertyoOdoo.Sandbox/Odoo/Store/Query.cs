using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Rpc;
using CertyoOdoo.Sandbox.Odoo.Schema;

namespace CertyoOdoo.Sandbox.Odoo.Store;

/// <summary>search: filter by domain, sort by the given or the model's default order, then offset and limit.</summary>
internal static class Query
{
    /// <summary>Each model's _order in Odoo (fields the simulator lacks are skipped).</summary>
    private static string DefaultOrder(string model, int version) => model switch
    {
        "stock.picking" => "priority desc, scheduled_date asc, id desc",
        "stock.move" => "sequence, id",
        "mrp.production" => version == 16 ? "priority desc, date_planned_start asc, id" : "priority desc, date_start asc, id",
        "stock.lot" => "name, id",
        "product.product" => "priority desc, default_code, name, id",
        "res.partner" => "complete_name asc, id desc",
        "stock.location" => "complete_name, id",
        "stock.picking.type" => "sequence, id",
        _ => "id",
    };

    /// <summary>Caller holds the read lock.</summary>
    public static List<int> Search(OdooStore store, ModelTable table, JsonNode? domain, string? order, int offset, int? limit)
    {
        var matches = Filter(store, table, domain);
        var keys = ParseOrder(table, order, store.Version) ?? ParseOrder(table, DefaultOrder(table.Name, store.Version), store.Version, strict: false)!;
        if (!(keys.Count == 1 && keys[0].Field.Name == "id" && !keys[0].Descending))
        {
            Sort(store, table, matches, keys);
        }

        var start = Math.Min(offset, matches.Count);
        var count = Math.Min(limit ?? int.MaxValue, matches.Count - start);
        return matches.GetRange(start, count);
    }

    public static int Count(OdooStore store, ModelTable table, JsonNode? domain, int? limit)
    {
        var count = Filter(store, table, domain).Count;
        return limit is { } l ? Math.Min(l, count) : count;
    }

    /// <summary>Matching ids in ascending id order.</summary>
    private static List<int> Filter(OdooStore store, ModelTable table, JsonNode? domain)
    {
        var predicate = Domain.Compile(store, table, domain);
        IEnumerable<int> candidates = Domain.IdCandidates(domain) is { } ids
            ? ids.Where(table.Exists).Distinct().Order()
            : table.Ids;
        var result = new List<int>();
        foreach (var id in candidates)
        {
            if (predicate(id))
            {
                result.Add(id);
            }
        }

        return result;
    }

    private static void Sort(OdooStore store, ModelTable table, List<int> ids, List<(FieldSchema Field, bool Descending)> keys)
    {
        var values = new object?[ids.Count][];
        for (var i = 0; i < ids.Count; i++)
        {
            var row = new object?[keys.Count];
            for (var k = 0; k < keys.Count; k++)
            {
                row[k] = store.Raw(table, ids[i], keys[k].Field);
            }

            values[i] = row;
        }

        var index = Enumerable.Range(0, ids.Count).ToArray();
        Array.Sort(index, (x, y) =>
        {
            for (var k = 0; k < keys.Count; k++)
            {
                var (a, b) = (values[x][k], values[y][k]);
                // PostgreSQL: NULLS LAST ascending, NULLS FIRST descending.
                var c = LeafTest.Order(a, b);
                if (c != 0)
                {
                    return keys[k].Descending ? -c : c;
                }
            }

            return ids[x].CompareTo(ids[y]);
        });
        var sorted = index.Select(i => ids[i]).ToList();
        ids.Clear();
        ids.AddRange(sorted);
    }

    private static List<(FieldSchema Field, bool Descending)>? ParseOrder(ModelTable table, string? order, int version, bool strict = true)
    {
        if (string.IsNullOrWhiteSpace(order))
        {
            return null;
        }

        var keys = new List<(FieldSchema, bool)>();
        foreach (var part in order.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var descending = words.Length > 1 && words[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            if (words.Length > 1 && !descending && !words[1].Equals("asc", StringComparison.OrdinalIgnoreCase))
            {
                throw OdooError.Value($"Invalid \"order\" specified ({order}). A valid \"order\" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)");
            }

            if (table.Schema.TryGet(words[0], out var field))
            {
                keys.Add((field, descending));
            }
            else if (strict)
            {
                throw OdooError.Value(version >= 19
                    ? $"Invalid field {PyRepr.Str(words[0])} in {PyRepr.Str(table.Name)}"
                    : $"Invalid field {PyRepr.Str(words[0])} on model {PyRepr.Str(table.Name)}");
            }
        }

        return keys;
    }
}
