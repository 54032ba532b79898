using System.Text.Json;
using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Rpc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CertyoOdoo.Sandbox.Odoo.Protocols;

/// <summary>
/// Odoo 19's JSON-2 (POST /json/2/{model}/{method}, bearer API key, named arguments) and
/// GET /web/version. Other series answer these paths with werkzeug's 404 page, as they lack them.
/// </summary>
internal static class Json2Endpoints
{
    public static void MapJson2(this IEndpointRouteBuilder app)
    {
        app.MapPost("/json/2/{model}/{method}", HandleAsync).ExcludeFromDescription();
        app.MapGet("/web/version", (IOptions<OdooSimulatorOptions> options) => options.Value.Version < 19
            ? HtmlPages.NotFound()
            : Json(200, new JsonObject
            {
                ["version_info"] = new JsonArray(options.Value.Version, 0, 0, "final", 0, ""),
                ["version"] = $"{options.Value.Version}.0",
            })).ExcludeFromDescription();
    }

    private static async Task<IResult> HandleAsync(
        string model,
        string method,
        HttpRequest request,
        ServiceDispatcher dispatcher,
        ModelService models,
        CallGate gate,
        IOptions<OdooSimulatorOptions> options,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Version < 19
            || (request.Headers["X-Odoo-Database"].ToString() is { Length: > 0 } db && db != settings.Database))
        {
            return HtmlPages.NotFound();
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return HtmlPages.UnsupportedMediaType();
        }

        var failure = await gate.EnterAsync("json2", model, method, cancellationToken);
        if (failure is TransientFailure.BadGateway or TransientFailure.ServiceUnavailable)
        {
            return HtmlPages.Proxy(failure);
        }

        try
        {
            var user = Authenticate(request, dispatcher);
            JsonObject body;
            try
            {
                body = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken) as JsonObject
                    ?? throw new OdooError(OdooError.BadRequestType, "Invalid JSON data: expected an object of named arguments");
            }
            catch (JsonException e)
            {
                throw new OdooError(OdooError.BadRequestType, $"Invalid JSON data: {e.Message}");
            }

            if (failure == TransientFailure.SerializationFailure)
            {
                throw new OdooError(OdooError.SerializationFailureType, "could not serialize access due to concurrent update");
            }

            var ids = body["ids"] switch
            {
                null => null,
                JsonArray list => (JsonArray)list.DeepClone(),
                var one => new JsonArray(one.DeepClone()),
            };
            var kwargs = new JsonObject();
            foreach (var (name, value) in body)
            {
                if (name != "ids")
                {
                    kwargs[name] = value?.DeepClone();
                }
            }

            var result = await models.ExecuteAsync(new OdooCall(model, method, [], kwargs, user, OdooProtocolKind.Json2, ids), cancellationToken);
            return Json(200, result);
        }
        catch (OdooError e)
        {
            return Error(e);
        }
    }

    private static OdooSimulatorUser Authenticate(HttpRequest request, ServiceDispatcher dispatcher)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw new OdooError(OdooError.UnauthorizedType, "User not authenticated, use an API Key with a Bearer Authorization header.");
        }

        return dispatcher.FindByApiKey(header["bearer ".Length..].Trim()) ?? throw new OdooError(OdooError.UnauthorizedType, "Invalid apikey");
    }

    private static IResult Error(OdooError error)
    {
        var arguments = new JsonArray(error.Message);
        if (error.IsWerkzeug)
        {
            arguments.Add(error.HttpStatus);
        }

        var body = new JsonObject
        {
            ["name"] = error.PythonType,
            ["message"] = error.Message,
            ["arguments"] = arguments,
            ["context"] = new JsonObject(),
            ["debug"] = error.Traceback,
        };
        return error.HttpStatus == 401 ? new Unauthorized(Json(401, body)) : Json(error.HttpStatus, body);
    }

    private static ContentHttpResult Json(int status, JsonNode? body) =>
        TypedResults.Content(PyJson.Dumps(body), "application/json; charset=utf-8", System.Text.Encoding.UTF8, status);

    /// <summary>A 401 with WWW-Authenticate: Bearer, as Odoo sends for a bad or missing API key.</summary>
    private sealed class Unauthorized(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
