using CertyoOdoo.Web.Tenants;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Hosting;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (storage, and each tenant's
/// Odoo and Certyo, probed with short timeouts and cached), both with a JSON body.
/// </summary>
internal static class HealthExtensions
{
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddCertyoHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(HealthPeerChecks.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RedactLoggedHeaders(["X-API-Key"]);
        builder.Services.AddSingleton<HealthResultCache>();
        builder.Services.AddSingleton<HealthPeerChecks>();
        builder.Services.AddHealthChecks()
            .AddCheck<HealthLedgerCheck>("ledger", HealthStatus.Unhealthy, [ReadyTag])
            .AddCheck<HealthHangfireCheck>("hangfire", HealthStatus.Unhealthy, [ReadyTag]);
        // Tenants are known only once configuration is complete (tests add theirs late), so register their checks lazily.
        builder.Services.AddSingleton<IConfigureOptions<HealthCheckServiceOptions>, HealthTenantRegistrations>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCertyoHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }

    private sealed class HealthTenantRegistrations(IOptions<TenantsOptions> tenants) : IConfigureOptions<HealthCheckServiceOptions>
    {
        public void Configure(HealthCheckServiceOptions options)
        {
            foreach (var tenant in tenants.Value.Tenants.Keys.Order(StringComparer.Ordinal))
            {
                foreach (var peer in new[] { HealthTenantCheck.Odoo, HealthTenantCheck.Certyo })
                {
                    options.Registrations.Add(new HealthCheckRegistration(
                        $"{peer}:{tenant}",
                        sp => ActivatorUtilities.CreateInstance<HealthTenantCheck>(sp, tenant, peer),
                        failureStatus: null,
                        tags: [ReadyTag]));
                }
            }
        }
    }
}
