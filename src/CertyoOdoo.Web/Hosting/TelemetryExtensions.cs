using OpenTelemetry.Metrics;

namespace CertyoOdoo.Web.Hosting;

/// <summary>OpenTelemetry metrics with a Prometheus scraping endpoint at <c>/metrics</c>.</summary>
internal static class TelemetryExtensions
{
    /// <summary>The service's own meter (notifications, records by status, oldest pending age, calls).</summary>
    public const string ServiceMeter = "CertyoOdoo";

    /// <summary>The Odoo client's meter.</summary>
    public const string OdooMeter = "CertyoOdoo.Odoo";

    public const string MetricsPath = "/metrics";

    /// <summary>Collects the CertyoOdoo meters, ASP.NET Core's and HttpClient's, for Prometheus.</summary>
    public static IHostApplicationBuilder AddCertyoTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(ServiceMeter, OdooMeter, "CertyoOdoo.*")
                .AddAspNetCoreInstrumentation()
                // Outgoing calls to Odoo and Certyo, by host and status (built into .NET).
                .AddMeter("System.Net.Http")
                .AddPrometheusExporter());
        return builder;
    }

    /// <summary>Maps <c>/metrics</c> (Prometheus text format).</summary>
    public static IEndpointRouteBuilder MapCertyoMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
