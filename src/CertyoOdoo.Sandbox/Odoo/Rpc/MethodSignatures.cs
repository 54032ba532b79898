using System.Text.Json.Nodes;

namespace CertyoOdoo.Sandbox.Odoo.Rpc;

/// <summary>
/// The Python signatures of the methods the simulator serves, so arguments bind (and fail to bind)
/// the way Odoo's do: positional then keyword, "context" taken apart, unexpected names a TypeError.
/// </summary>
internal static class MethodSignatures
{
    public sealed record Signature(bool ApiModel, string[] Parameters, bool VarKeywords = false, string? OnlyModel = null, int MinVersion = 16, int MaxVersion = 99);

    public static readonly IReadOnlyDictionary<string, Signature> All = new Dictionary<string, Signature>
    {
        ["search"] = new(true, ["domain", "offset", "limit", "order"]),
        ["search_read"] = new(true, ["domain", "fields", "offset", "limit", "order"], VarKeywords: true),
        ["search_count"] = new(true, ["domain", "limit"]),
        ["read"] = new(false, ["fields", "load"]),
        ["fields_get"] = new(true, ["allfields", "attributes"]),
        ["write"] = new(false, ["vals"]),
        ["create"] = new(true, ["vals_list"]),
        ["unlink"] = new(false, []),
        ["exists"] = new(false, []),
        ["load"] = new(true, ["fields", "data"]),
        ["name_get"] = new(false, [], MaxVersion: 16),
        ["name_search"] = new(true, ["name", "domain", "operator", "limit"]),
        ["context_get"] = new(true, [], OnlyModel: "res.users"),
        ["button_validate"] = new(false, [], OnlyModel: "stock.picking"),
        ["button_mark_done"] = new(false, [], OnlyModel: "mrp.production"),
    };

    public static bool TryGet(string model, string method, int version, out Signature signature) =>
        All.TryGetValue(method, out signature!) && (signature.OnlyModel is null || signature.OnlyModel == model)
        && version >= signature.MinVersion && version <= signature.MaxVersion;

    /// <summary>Binds a call's arguments; the result holds "ids" for record methods and "context" when given.</summary>
    public static Dictionary<string, JsonNode?> Bind(OdooCall call, Signature signature, int version)
    {
        var bound = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var qualified = $"BaseModel.{call.Method}()";
        var positional = call.Args.Select(a => a?.DeepClone()).ToList();
        if (!signature.ApiModel && call.Protocol != OdooProtocolKind.Json2)
        {
            if (positional.Count == 0)
            {
                throw new OdooError(OdooError.TypeErrorType, $"{qualified} missing 1 required positional argument: 'self'");
            }

            bound["ids"] = positional[0];
            positional.RemoveAt(0);
        }
        else if (call.Ids is not null)
        {
            bound["ids"] = call.Ids.DeepClone();
        }

        if (positional.Count > signature.Parameters.Length)
        {
            var total = signature.Parameters.Length + 1;
            throw new OdooError(OdooError.TypeErrorType, $"{qualified} takes from 1 to {total} positional arguments but {positional.Count + 1} were given");
        }

        for (var i = 0; i < positional.Count; i++)
        {
            bound[signature.Parameters[i]] = positional[i];
        }

        var extra = new JsonObject();
        foreach (var (name, value) in call.Kwargs)
        {
            // Odoo 16 still calls search's domain "args" and name_search's "args".
            var key = name == "args" && call.Method is "search" or "name_search" or "search_count" ? "domain" : name;
            if (key == "context")
            {
                bound["context"] = value?.DeepClone();
            }
            else if (signature.Parameters.Contains(key))
            {
                if (!bound.TryAdd(key, value?.DeepClone()))
                {
                    throw new OdooError(OdooError.TypeErrorType, $"{qualified} got multiple values for argument '{key}'");
                }
            }
            else if (signature.VarKeywords)
            {
                extra[key] = value?.DeepClone();
            }
            else if (call.Protocol == OdooProtocolKind.Json2)
            {
                throw new OdooError(OdooError.UnprocessableType, $"got an unexpected keyword argument '{key}'");
            }
            else
            {
                throw new OdooError(OdooError.TypeErrorType, $"{qualified} got an unexpected keyword argument '{key}'");
            }
        }

        foreach (var (key, _) in extra)
        {
            // search_read hands its extra keywords to the read formatter, which accepts only "load".
            if (key != "load")
            {
                var reader = version >= 17 ? "BaseModel._read_format()" : "BaseModel.read()";
                throw new OdooError(OdooError.TypeErrorType, $"{reader} got an unexpected keyword argument '{key}'");
            }

            bound["load"] = extra[key]?.DeepClone();
        }

        return bound;
    }
}
