using System.Text.Json.Nodes;

namespace CertyoOdoo.Sandbox.Odoo.Rpc;

/// <summary>A call's arguments by parameter name, with the conversions every method needs.</summary>
internal sealed class BoundArgs(OdooCall call, Dictionary<string, JsonNode?> values)
{
    public OdooCall Call => call;

    public int Uid => call.User.Id;

    public JsonObject Context => values.GetValueOrDefault("context") as JsonObject ?? [];

    public JsonNode? this[string name] => values.GetValueOrDefault(name);

    public bool Has(string name) => values.ContainsKey(name);

    /// <summary>A required argument, or the TypeError Python raises when it is missing.</summary>
    public JsonNode? Required(string name)
    {
        if (values.TryGetValue(name, out var value))
        {
            return value;
        }

        throw call.Protocol == OdooProtocolKind.Json2
            ? new OdooError(OdooError.UnprocessableType, $"missing a required argument: '{name}'")
            : new OdooError(OdooError.TypeErrorType, $"BaseModel.{call.Method}() missing 1 required positional argument: '{name}'");
    }

    /// <summary>The record ids (an int or a list of ints), in the order given, without duplicates.</summary>
    public List<int> Ids()
    {
        var node = values.GetValueOrDefault("ids");
        IEnumerable<JsonNode?> items = node is JsonArray array ? array : node is null ? [] : [node];
        var ids = new List<int>();
        foreach (var item in items)
        {
            var id = JsonValues.AsInt(item) ?? throw OdooError.Value($"Invalid id {PyRepr.Of(item)}");
            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    public int? Int(string name) => JsonValues.IsFalse(this[name]) ? null : JsonValues.AsInt(this[name]);

    public string? Text(string name) => JsonValues.AsString(this[name]);

    public List<string>? Names(string name) => this[name] is JsonArray list ? [.. list.Select(n => JsonValues.AsString(n) ?? n?.ToString() ?? "")] : null;

    public bool ContextFlag(string key) => JsonValues.Truthy(Context[key]);
}
