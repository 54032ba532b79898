using CertyoOdoo.Odoo;
using OpenTelemetry.Metrics;

namespace CertyoOdoo.Web.Hosting;

/// <summary>OpenTelemetry metrics with a Prometheus scraping endpoint at <c>/metrics</c>.</summary>
internal static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>Collects the CertyoOdoo meters, ASP.NET Core's and HttpClient's, for Prometheus.</summary>
    public static IHostApplicationBuilder AddCertyoTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                // The service's meter (notifications, records by status, oldest pending age, Odoo/Certyo calls)
                // and the Odoo client's (calls per protocol, model and method).
                .AddMeter(ServiceMetrics.MeterName, OdooMetrics.MeterName)
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
