using System.Text.Json.Nodes;

namespace CertyoOdoo.Odoo.Values;

/// <summary>Builds Odoo domains (prefix-notation lists of <c>[field, operator, value]</c> leaves and <c>&amp;</c>, <c>|</c>, <c>!</c>).</summary>
public static class OdooDomain
{
    /// <summary>An empty domain (all records).</summary>
    public static JsonArray All() => [];

    /// <summary>One leaf: <c>[field, op, value]</c>.</summary>
    public static JsonArray Leaf(string field, string op, JsonNode? value) => [field, op, value];

    /// <summary>A domain of the given terms (leaves are implicitly ANDed).</summary>
    public static JsonArray Of(params IEnumerable<JsonNode?> terms)
    {
        var domain = new JsonArray();
        foreach (var term in terms)
        {
            domain.Add(term?.DeepClone());
        }

        return domain;
    }

    /// <summary><c>[field, "in", ids]</c>.</summary>
    public static JsonArray In(string field, IEnumerable<int> ids)
    {
        var list = new JsonArray();
        foreach (var id in ids)
        {
            list.Add(id);
        }

        return Leaf(field, "in", list);
    }

    /// <summary>Concatenates domains: their terms are ANDed.</summary>
    public static JsonArray And(params IEnumerable<JsonArray> domains)
    {
        var result = new JsonArray();
        foreach (var domain in domains)
        {
            foreach (var term in domain)
            {
                result.Add(term?.DeepClone());
            }
        }

        return result;
    }
}
