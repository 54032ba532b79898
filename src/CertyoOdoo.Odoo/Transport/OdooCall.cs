using System.Text.Json;
using System.Text.Json.Nodes;

namespace CertyoOdoo.Odoo.Transport;

/// <summary>
/// One model method call in a protocol-neutral shape: <see cref="Positional"/> arguments go by position
/// in execute_kw (their names differ across versions, e.g. search's <c>args</c> on 16 vs <c>domain</c> on 17)
/// and by name in JSON-2; <see cref="Named"/> ones go as kwargs / by name everywhere.
/// </summary>
internal sealed record OdooCall(
    string Model,
    string Method,
    IReadOnlyCollection<int>? Ids,
    IReadOnlyList<KeyValuePair<string, JsonNode?>> Positional,
    IReadOnlyList<KeyValuePair<string, JsonNode?>> Named)
{
    /// <summary>execute_kw's args as given by a caller of the generic call (JSON-2 accepts only ids there).</summary>
    public JsonArray? RawArgs { get; init; }

    public static OdooCall Create(string model, string method, IReadOnlyCollection<int>? ids = null, params IEnumerable<(string Name, JsonNode? Value, bool Positional)> args)
    {
        var positional = new List<KeyValuePair<string, JsonNode?>>();
        var named = new List<KeyValuePair<string, JsonNode?>>();
        foreach (var (name, value, isPositional) in args)
        {
            (isPositional ? positional : named).Add(new(name, value));
        }

        return new OdooCall(model, method, ids, positional, named);
    }

    /// <summary>Writes execute_kw's <c>args</c> array then its <c>kwargs</c> object.</summary>
    public void WriteRpcArgs(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        if (RawArgs is not null)
        {
            foreach (var node in RawArgs)
            {
                WriteNode(writer, node);
            }
        }
        else
        {
            if (Ids is not null)
            {
                WriteIds(writer, Ids);
            }

            foreach (var (_, value) in Positional)
            {
                WriteNode(writer, value);
            }
        }

        writer.WriteEndArray();
        writer.WriteStartObject();
        foreach (var (name, value) in Named)
        {
            writer.WritePropertyName(name);
            WriteNode(writer, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes the JSON-2 body: every argument by name.</summary>
    public void WriteJson2Body(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (RawArgs is { Count: > 0 })
        {
            if (RawArgs.Count > 1 || RawArgs[0] is not JsonArray)
            {
                throw new NotSupportedException($"JSON-2 takes named arguments: call {Model}.{Method} with kwargs (ids may be the only positional argument).");
            }

            writer.WritePropertyName("ids");
            WriteNode(writer, RawArgs[0]);
        }
        else if (Ids is not null)
        {
            writer.WritePropertyName("ids");
            WriteIds(writer, Ids);
        }

        foreach (var (name, value) in Positional.Concat(Named))
        {
            writer.WritePropertyName(name);
            WriteNode(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteIds(Utf8JsonWriter writer, IReadOnlyCollection<int> ids)
    {
        writer.WriteStartArray();
        foreach (var id in ids)
        {
            writer.WriteNumberValue(id);
        }

        writer.WriteEndArray();
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }
}
