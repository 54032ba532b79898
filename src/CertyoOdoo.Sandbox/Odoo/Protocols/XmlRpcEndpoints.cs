using System.Buffers;
using System.Text.Json.Nodes;
using CertyoOdoo.Odoo.XmlRpc;
using CertyoOdoo.Sandbox.Odoo.Rpc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Sandbox.Odoo.Protocols;

/// <summary>POST /xmlrpc/2/{common,object,db}: Odoo's XML-RPC, faults shaped as the recordings.</summary>
internal static class XmlRpcEndpoints
{
    public static void MapXmlRpc(this IEndpointRouteBuilder app) =>
        app.MapPost("/xmlrpc/2/{service}", HandleAsync).ExcludeFromDescription();

    private static async Task<IResult> HandleAsync(
        string service,
        HttpRequest request,
        ServiceDispatcher dispatcher,
        CallGate gate,
        IOptions<OdooSimulatorOptions> options,
        CancellationToken cancellationToken)
    {
        var version = options.Value.Version;
        var output = new ArrayBufferWriter<byte>();
        JsonArray args;
        string method;
        try
        {
            using var call = await XmlRpcReader.ReadMethodCallAsync(request.Body, cancellationToken);
            method = call.MethodName;
            args = JsonNode.Parse(call.Parameters.RootElement.GetRawText()) as JsonArray ?? [];
        }
        catch (XmlRpcFormatException e)
        {
            XmlRpcWriter.WriteFault(output, 1, new OdooError("xml.parsers.expat.ExpatError", e.Message).Traceback);
            return Xml(output);
        }

        if (service is not ("common" or "object" or "db"))
        {
            return HtmlPages.NotFound();
        }

        var (model, target) = ServiceDispatcher.Target(service, method, args);
        var failure = await gate.EnterAsync("xmlrpc", model, target, cancellationToken);
        if (failure is TransientFailure.BadGateway or TransientFailure.ServiceUnavailable)
        {
            return HtmlPages.Proxy(failure);
        }

        try
        {
            if (failure == TransientFailure.SerializationFailure)
            {
                throw new OdooError(OdooError.SerializationFailureType, "could not serialize access due to concurrent update");
            }

            var result = await dispatcher.DispatchAsync(service, method, args, OdooProtocolKind.XmlRpc, cancellationToken);
            XmlRpcWriter.WriteMethodResponse(output, result, version >= 18 ? XmlRpcResponseFormat.Odoo18 : XmlRpcResponseFormat.Classic);
        }
        catch (OdooError e)
        {
            output.Clear();
            XmlRpcWriter.WriteFault(output, FaultCode(e), e.IsWarning || e.PythonType == OdooError.AccessDeniedType ? e.Message : e.Traceback);
        }

        return Xml(output);
    }

    /// <summary>Odoo's codes: 3 access denied, 2 the warning class, 1 anything else (with its traceback).</summary>
    private static int FaultCode(OdooError error) => error.PythonType == OdooError.AccessDeniedType ? 3 : error.IsWarning ? 2 : 1;

    private static FileContentHttpResult Xml(ArrayBufferWriter<byte> output) =>
        TypedResults.Bytes(output.WrittenMemory.ToArray(), "text/xml; charset=utf-8");
}
