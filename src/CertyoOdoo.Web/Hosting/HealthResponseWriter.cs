using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CertyoOdoo.Web.Hosting;

/// <summary>Writes a health report as JSON: overall status, then each check with its status, description, duration and data.</summary>
internal static class HealthResponseWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new HealthBody(
            report.Status.ToString(),
            Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            [.. report.Entries.Select(e => new HealthCheckBody(
                e.Key,
                e.Value.Status.ToString(),
                e.Value.Description,
                Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                e.Value.Tags.ToArray(),
                e.Value.Data.Count == 0 ? null : e.Value.Data))]);
        return JsonSerializer.SerializeAsync(context.Response.Body, body, Json, context.RequestAborted);
    }

    private sealed record HealthBody(string Status, double DurationMs, IReadOnlyList<HealthCheckBody> Checks);

    private sealed record HealthCheckBody(string Name, string Status, string? Description, double DurationMs, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, object>? Data);
}
