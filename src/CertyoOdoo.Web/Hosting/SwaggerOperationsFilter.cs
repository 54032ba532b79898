using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CertyoOdoo.Web.Hosting;

/// <summary>
/// Documents the operations endpoints that are not minimal-API handlers (health checks, Prometheus,
/// the Hangfire dashboard), so the document lists every endpoint the service serves.
/// </summary>
internal sealed class SwaggerOperationsFilter : IDocumentFilter
{
    private const string Tag = "Operations";

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        swaggerDoc.Paths ??= [];
        swaggerDoc.Tags ??= new HashSet<OpenApiTag>();
        swaggerDoc.Tags.Add(new OpenApiTag { Name = Tag, Description = "Probes, metrics and the jobs dashboard (no API key)." });
        var health = new JsonObject
        {
            ["status"] = "Degraded",
            ["durationMs"] = 41.5,
            ["checks"] = new JsonArray(
                new JsonObject { ["name"] = "ledger", ["status"] = "Healthy", ["description"] = "PostgreSQL answered.", ["durationMs"] = 2.1, ["tags"] = new JsonArray("ready") },
                new JsonObject { ["name"] = "odoo:acme", ["status"] = "Degraded", ["description"] = "No answer within 3 s.", ["durationMs"] = 3000.4, ["tags"] = new JsonArray("ready") }),
        };
        Add(swaggerDoc, "/health/live", "The process answers (liveness probe).", "No check runs: 200 as long as the process serves requests.",
            "application/json", new JsonObject { ["status"] = "Healthy", ["durationMs"] = 0.1, ["checks"] = new JsonArray() });
        Add(swaggerDoc, "/health/ready", "Storage, and each tenant's Odoo and Certyo (readiness probe).",
            "Each check is listed with its status. The ledger and Hangfire's storage must answer (else 503); an unreachable tenant peer makes the "
            + "service Degraded (200) unless Health:TenantFailureStatus is Unhealthy. Peers are probed with Health:Timeout and results reused for Health:CacheDuration.",
            "application/json", health);
        Add(swaggerDoc, TelemetryExtensions.MetricsPath, "Prometheus metrics (OpenTelemetry).",
            "The CertyoOdoo meter (certyo_odoo_*: notifications, records by status, oldest pending age, Odoo and Certyo calls and latencies), "
            + "the Odoo client's (certyo_odoo_* calls per protocol and method), ASP.NET Core's and HttpClient's.",
            "text/plain", JsonValue.Create("certyo_odoo_records{tenant=\"acme\",status=\"anchored\"} 950"));
        Add(swaggerDoc, DashboardExtensions.Path, "The Hangfire dashboard (HTML).",
            "Local requests only unless Dashboard:Username/Password are set (HTTP basic auth); users in Dashboard:ReadOnlyUsers get a read-only view.",
            "text/html", null);
    }

    private static void Add(OpenApiDocument document, string path, string summary, string description, string mediaType, JsonNode? example)
    {
        var operation = new OpenApiOperation
        {
            Summary = summary,
            Description = description,
            Tags = new HashSet<OpenApiTagReference> { new(Tag, document) },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "OK",
                    Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = new() { Example = example } },
                },
            },
        };
        if (path.StartsWith("/health/ready", StringComparison.Ordinal))
        {
            operation.Responses["503"] = new OpenApiResponse { Description = "The storage does not answer (or a tenant peer, when configured to count)." };
        }

        var item = new OpenApiPathItem();
        item.AddOperation(HttpMethod.Get, operation);
        document.Paths[path] = item;
    }
}
