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
        var keys = ParseOrder(table, order, store.Version) ?? ParseOrder(table, DefaultOrder(table.Name, store.Version), store.Version, strict: false)!;
        var predicate = Domain.Compile(store, table, domain);
        var wanted = limit ?? int.MaxValue;
        var result = new List<int>();
        if (Domain.IdCandidates(domain) is { } candidates)
        {
            var matches = candidates.Where(table.Exists).Distinct().Order().Where(predicate).ToList();
            Sort(store, table, matches, keys);
            return [.. matches.Skip(offset).Take(wanted)];
        }

        // Over the whole table: walk the cached sorted ids and stop once the page is full.
        var skipped = 0;
        foreach (var id in Sorted(store, table, keys))
        {
            if (result.Count >= wanted)
            {
                break;
            }

            if (predicate(id) && skipped++ >= offset)
            {
                result.Add(id);
            }
        }

        return result;
    }

    public static int Count(OdooStore store, ModelTable table, JsonNode? domain, int? limit)
    {
        var count = Filter(store, table, domain);
        return limit is { } l ? Math.Min(l, count) : count;
    }

    /// <summary>How many rows match.</summary>
    private static int Filter(OdooStore store, ModelTable table, JsonNode? domain)
    {
        var predicate = Domain.Compile(store, table, domain);
        IEnumerable<int> candidates = Domain.IdCandidates(domain) is { } ids ? ids.Where(table.Exists).Distinct() : table.Ids;
        return candidates.Count(predicate);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ModelTable, Dictionary<string, (long Revision, int[] Ids)>> SortCache = new();

    /// <summary>All ids of a table in the given order, cached until the table changes.</summary>
    private static int[] Sorted(OdooStore store, ModelTable table, List<(FieldSchema Field, bool Descending)> keys)
    {
        if (keys.Count == 1 && keys[0].Field.Name == "id" && !keys[0].Descending)
        {
            return [.. table.Ids];
        }

        var cacheKey = string.Join(",", keys.Select(k => $"{k.Field.Name} {(k.Descending ? "desc" : "asc")}"));
        var cache = SortCache.GetOrCreateValue(table);
        lock (cache)
        {
            if (cache.TryGetValue(cacheKey, out var hit) && hit.Revision == table.Revision)
            {
                return hit.Ids;
            }
        }

        var revision = table.Revision;
        var ids = table.Ids.ToList();
        Sort(store, table, ids, keys);
        var sorted = ids.ToArray();
        lock (cache)
        {
            cache[cacheKey] = (revision, sorted);
        }

        return sorted;
    }

    private static void Sort(OdooStore store, ModelTable table, List<int> ids, List<(FieldSchema Field, bool Descending)> keys)
    {
        // One typed column per key (numbers and dates as doubles/ticks, texts as strings), so the
        // comparisons of a 50,000-row sort do not go through boxes.
        var columns = keys.Select(k => SortColumn.Build(store, table, ids, k.Field, k.Descending)).ToArray();
        var index = Enumerable.Range(0, ids.Count).ToArray();
        Array.Sort(index, (x, y) =>
        {
            foreach (var column in columns)
            {
                var c = column.Compare(x, y);
                if (c != 0)
                {
                    return c;
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
