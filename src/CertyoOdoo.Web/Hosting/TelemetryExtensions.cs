using CertyoOdoo.Odoo;
using OpenTelemetry.Metrics;

namespace CertyoOdoo.Web.Hosting;

/// <summary>OpenTelemetry metrics with a Prometheus scraping endpoint at <c>/metrics</c>.</summary>
internal static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    private static readonly double[] RequestBuckets = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Collects the CertyoOdoo meters, ASP.NET Core's and HttpClient's, for Prometheus.</summary>
    public static IHostApplicationBuilder AddCertyoTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                // The service's meter (notifications, records by status, oldest pending age, Odoo/Certyo calls)
                // and the Odoo client's (calls per protocol, model and method).
                .AddMeter(ServiceMetrics.MeterName, OdooMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                // Finer buckets at the low end: the webhook's target is a p99 under 20 ms.
                .AddView("http.server.request.duration", new ExplicitBucketHistogramConfiguration { Boundaries = RequestBuckets })
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
