using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Rpc;

namespace CertyoOdoo.Sandbox.Odoo.Store;

/// <summary>
/// Odoo domains in prefix notation (&amp;, |, ! and implicit AND between terms) compiled into a
/// predicate on row ids. Leaves validate like Odoo: an unknown field raises the recorded ValueError.
/// </summary>
internal static class Domain
{
    private static readonly HashSet<string> Operators =
    [
        "=", "!=", "<>", "<", "<=", ">", ">=", "in", "not in", "like", "not like", "ilike", "not ilike", "=like", "=ilike",
    ];

    /// <summary>Compiles the domain; the caller holds the read lock while evaluating.</summary>
    public static Func<int, bool> Compile(OdooStore store, ModelTable table, JsonNode? domain)
    {
        if (domain is null || (domain is JsonArray { Count: 0 }))
        {
            return static _ => true;
        }

        if (domain is not JsonArray terms)
        {
            throw OdooError.Value($"Invalid domain {PyRepr.Of(domain)}");
        }

        var stack = new Stack<Func<int, bool>>();
        for (var i = terms.Count - 1; i >= 0; i--)
        {
            var term = terms[i];
            switch (JsonValues.AsString(term))
            {
                case "!":
                    var operand = Pop(stack, terms);
                    stack.Push(id => !operand(id));
                    break;
                case "&":
                    var a = Pop(stack, terms);
                    var b = Pop(stack, terms);
                    stack.Push(id => a(id) && b(id));
                    break;
                case "|":
                    var left = Pop(stack, terms);
                    var right = Pop(stack, terms);
                    stack.Push(id => left(id) || right(id));
                    break;
                default:
                    stack.Push(Leaf(store, table, term));
                    break;
            }
        }

        var all = stack.ToArray();
        return all.Length == 1 ? all[0] : id => all.All(p => p(id));
    }

    /// <summary>Ids a top-level ('id', 'in'|'=', ...) leaf restricts the search to, or null.</summary>
    public static IReadOnlyCollection<int>? IdCandidates(JsonNode? domain)
    {
        if (domain is not JsonArray terms || terms.Any(t => t is JsonValue))
        {
            return null;
        }

        foreach (var term in terms)
        {
            if (term is JsonArray { Count: 3 } leaf && JsonValues.AsString(leaf[0]) == "id")
            {
                var op = JsonValues.AsString(leaf[1]);
                if (op == "=" && JsonValues.AsInt(leaf[2]) is { } one)
                {
                    return [one];
                }

                if (op == "in" && leaf[2] is JsonArray list)
                {
                    return [.. list.Select(JsonValues.AsInt).OfType<int>()];
                }
            }
        }

        return null;
    }

    private static Func<int, bool> Pop(Stack<Func<int, bool>> stack, JsonArray terms) =>
        stack.Count > 0 ? stack.Pop() : throw OdooError.Value($"Invalid domain {PyRepr.Of(terms)}");

    private static Func<int, bool> Leaf(OdooStore store, ModelTable table, JsonNode? term)
    {
        var where = store.Version >= 19 ? "condition" : "leaf";
        if (term is not JsonArray { Count: 3 } leaf)
        {
            throw OdooError.Value($"Invalid {where} {PyRepr.Of(term)}");
        }

        var leafText = PyRepr.Tuple(leaf);
        if (leaf[0] is JsonValue constant && JsonValues.AsInt(constant) is { } c && JsonValues.AsString(leaf[1]) == "=")
        {
            var truth = c == JsonValues.AsInt(leaf[2]);
            return _ => truth;
        }

        var op = JsonValues.AsString(leaf[1]);
        if (op is null || !Operators.Contains(op.ToLowerInvariant()))
        {
            throw OdooError.Value($"Invalid {where} {leafText}");
        }

        op = op.ToLowerInvariant();
        var path = JsonValues.AsString(leaf[0]) ?? throw OdooError.Value($"Invalid {where} {leafText}");
        var (field, rest) = path.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? (path[..dot], path[(dot + 1)..]) : (path, null);
        if (!table.Schema.TryGet(field, out var schema))
        {
            throw OdooError.Value($"Invalid field {table.Name}.{field} in {where} {leafText}");
        }

        if (rest is not null && schema.Type == "many2one" && store.TryTable(schema.Relation!, out var related))
        {
            var inner = Compile(store, related, new JsonArray(new JsonArray(rest, op, leaf[2]?.DeepClone())));
            return id => store.Raw(table, id, schema) is int target && related.Exists(target) && inner(target);
        }

        var test = LeafTest.Build(store, schema, op, leaf[2]);
        return id => test(store.Raw(table, id, schema));
    }
}
