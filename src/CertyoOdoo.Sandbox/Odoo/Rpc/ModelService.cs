using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Store;

namespace CertyoOdoo.Sandbox.Odoo.Rpc;

/// <summary>Runs model methods against the store, raising <see cref="OdooError"/> as Odoo would.</summary>
internal sealed class ModelService(OdooStore store, ReadMethods reads, WriteMethods writes, StateActions actions)
{
    public int Version => store.Version;

    public async Task<JsonNode?> ExecuteAsync(OdooCall call, CancellationToken cancellationToken)
    {
        if (!store.TryTable(call.Model, out var table))
        {
            throw call.Protocol == OdooProtocolKind.Json2
                ? new OdooError(OdooError.NotFoundType, $"the model {PyRepr.Str(call.Model)} does not exist")
                : OdooError.UnknownModel(call.Model);
        }

        if (call.Method.StartsWith('_'))
        {
            throw new OdooError(OdooError.AccessErrorType, Version >= 18
                ? $"Private methods (such as '{call.Model}.{call.Method}') cannot be called remotely."
                : $"Private methods (such as {call.Method}) cannot be called remotely.");
        }

        if (!MethodSignatures.TryGet(call.Model, call.Method, Version, out var signature))
        {
            if (call.Protocol == OdooProtocolKind.Json2)
            {
                throw new OdooError(OdooError.NotFoundType, $"The method '{call.Model}.{call.Method}' does not exist");
            }

            throw new OdooError(OdooError.AttributeErrorType, Version >= 18
                ? $"The method '{call.Model}.{call.Method}' does not exist"
                : $"The method '{call.Method}' does not exist on the model '{call.Model}'");
        }

        if (call.Protocol == OdooProtocolKind.Json2 && signature.ApiModel && call.Ids is { Count: > 0 })
        {
            throw new OdooError(OdooError.UnprocessableType, $"cannot call {call.Model}.{call.Method} with ids");
        }

        var args = new BoundArgs(call, MethodSignatures.Bind(call, signature, Version));
        return call.Method switch
        {
            "search" => reads.Search(table, args),
            "search_read" => reads.SearchRead(table, args),
            "search_count" => reads.SearchCount(table, args),
            "read" => reads.Read(table, args),
            "fields_get" => reads.FieldsGet(table, args),
            "name_get" => reads.NameGet(table, args),
            "name_search" => reads.NameSearch(table, args),
            "exists" => reads.Exists(table, args),
            "context_get" => new JsonObject { ["lang"] = "en_US", ["tz"] = call.User.Tz, ["uid"] = call.User.Id },
            "button_validate" => await actions.ValidatePickingsAsync(args, cancellationToken),
            "button_mark_done" => await actions.MarkProductionsDoneAsync(args, cancellationToken),
            _ => await writes.ExecuteAsync(table, args, cancellationToken),
        };
    }
}
