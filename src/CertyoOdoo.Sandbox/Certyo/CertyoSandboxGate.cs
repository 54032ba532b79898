using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>
/// In front of every /api/v1 endpoint: X-API-Key check (401), injected latency, 429 and 5xx faults, and the call
/// counters. The key is compared in constant time and never logged.
/// </summary>
internal sealed class CertyoSandboxGate(IOptions<CertyoSandboxOptions> options, SandboxFaults faults, CertyoSandboxCalls calls, TimeProvider time) : IEndpointFilter
{
    public const string DroppedItem = "certyo.sandbox.dropped";

    private readonly byte[][] _keys = [.. options.Value.ApiKeys.Select(Encoding.UTF8.GetBytes)];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var endpoint = $"{http.Request.Method} {(http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path}";
        if (!KeyIsValid(http.Request.Headers["X-API-Key"].ToString()))
        {
            calls.Record(endpoint, StatusCodes.Status401Unauthorized, null);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Missing or wrong X-API-Key header.");
        }

        if (faults.Options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(faults.Options.Latency, time, http.RequestAborted);
        }

        switch (faults.BeforeCall())
        {
            case SandboxFaults.RateLimit:
                calls.Record(endpoint, StatusCodes.Status429TooManyRequests, SandboxFaults.RateLimit);
                http.Response.Headers.RetryAfter = faults.Options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests", detail: "Sandbox fault injection: rate limited.");
            case SandboxFaults.Error:
                calls.Record(endpoint, StatusCodes.Status503ServiceUnavailable, SandboxFaults.Error);
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable", detail: "Sandbox fault injection: server error.");
        }

        var result = await next(context);
        var dropped = http.Items.ContainsKey(DroppedItem);
        var status = dropped ? 0 : StatusOf(result);
        calls.Record(endpoint, status, dropped ? SandboxFaults.Drop : null);
        return result;
    }

    private static int StatusOf(object? result)
    {
        // Results<...> unions wrap the result that actually runs.
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
    }

    private bool KeyIsValid(string presented)
    {
        if (presented.Length == 0)
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        var valid = false;
        foreach (var key in _keys)
        {
            valid |= CryptographicOperations.FixedTimeEquals(bytes, key);
        }

        return valid;
    }
}
