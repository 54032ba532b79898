using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>Reads a JSON request body under a size limit: 413 over the limit, 400 when it is not JSON.</summary>
internal static class CertyoSandboxBody
{
    public static async Task<(JsonDocument? Document, ValidationProblem? Invalid, ProblemHttpResult? TooLarge)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (null, null, TooLarge(limit));
        }

        var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, null, TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return (JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)), null, null);
        }
        catch (JsonException e)
        {
            return (null, Invalid("body", $"not valid JSON: {e.Message}"), null);
        }
    }

    public static ProblemHttpResult TooLarge(int limit, IDictionary<string, object?>? extensions = null) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Payload Too Large",
        detail: $"Limits: 1 MiB per record, 10 MiB per bulk call (this body: at most {limit} bytes).",
        extensions: extensions);

    public static ValidationProblem Invalid(string key, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [key] = [message] }, title: "Invalid request", type: "https://certyo.local/problems/validation");

    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: "Nothing of this call was stored.", title: "Invalid record(s)", type: "https://certyo.local/problems/validation");

    public static ProblemHttpResult Conflict(Dictionary<string, string[]> errors) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Idempotency conflict",
        detail: "An idempotency key was already used for a different record. Nothing of this call was stored.",
        type: "https://certyo.local/problems/idempotency-conflict",
        extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
