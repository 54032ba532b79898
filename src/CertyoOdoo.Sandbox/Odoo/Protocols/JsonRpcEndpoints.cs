using System.Text.Json;
using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Rpc;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Sandbox.Odoo.Protocols;

/// <summary>POST /jsonrpc: the same services over JSON-RPC; errors come back with HTTP 200 in "error".</summary>
internal static class JsonRpcEndpoints
{
    public static void MapJsonRpc(this IEndpointRouteBuilder app) =>
        app.MapPost("/jsonrpc", HandleAsync).ExcludeFromDescription();

    /// <summary>The error object of JSON-RPC (16-18: code 200, debug second; 19: code 0, debug last).</summary>
    public static JsonObject ErrorObject(OdooError error, int version)
    {
        var message = error.Message;
        var debug = version >= 19 && error.PythonType == OdooError.AccessDeniedType ? $"{error.TracebackType}: {message}\n" : error.Traceback;
        var data = new JsonObject { ["name"] = error.PythonType };
        if (version < 19)
        {
            data["debug"] = debug;
        }

        data["message"] = message;
        data["arguments"] = new JsonArray(message);
        data["context"] = new JsonObject();
        if (version >= 19)
        {
            data["debug"] = debug;
        }

        return new JsonObject { ["code"] = version >= 19 ? 0 : 200, ["message"] = "Odoo Server Error", ["data"] = data };
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request,
        ServiceDispatcher dispatcher,
        CallGate gate,
        IOptions<OdooSimulatorOptions> options,
        CancellationToken cancellationToken)
    {
        var version = options.Value.Version;
        JsonObject? envelope;
        try
        {
            envelope = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject;
        }
        catch (JsonException)
        {
            envelope = null;
        }

        var id = envelope?["id"]?.DeepClone();
        var parameters = envelope?["params"] as JsonObject;
        var service = JsonValues.AsString(parameters?["service"]) ?? "";
        var method = JsonValues.AsString(parameters?["method"]) ?? "";
        var args = parameters?["args"] as JsonArray ?? [];
        var (model, target) = ServiceDispatcher.Target(service, method, args);
        var failure = await gate.EnterAsync("jsonrpc", model, target, cancellationToken);
        if (failure is TransientFailure.BadGateway or TransientFailure.ServiceUnavailable)
        {
            return HtmlPages.Proxy(failure);
        }

        var response = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id };
        try
        {
            if (envelope is null || parameters is null)
            {
                throw new OdooError(OdooError.BadRequestType, "Invalid JSON-RPC request: expected {\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": {...}}");
            }

            if (failure == TransientFailure.SerializationFailure)
            {
                throw new OdooError(OdooError.SerializationFailureType, "could not serialize access due to concurrent update");
            }

            response["result"] = await dispatcher.DispatchAsync(service, method, args, OdooProtocolKind.JsonRpc, cancellationToken);
        }
        catch (OdooError e)
        {
            response["error"] = ErrorObject(e, version);
        }

        return TypedResults.Text(PyJson.Dumps(response), "application/json", System.Text.Encoding.UTF8);
    }
}
