using CertyoOdoo.Web.Intake;
using CertyoOdoo.Web.Tenants;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Hosting;

/// <summary>Composition of the tenants: options (validated at start), clients, setup; and the intake limits.</summary>
internal static class TenantsHosting
{
    public static WebApplicationBuilder AddTenants(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TenantsOptions>()
            .Configure<IConfiguration>((o, configuration) => configuration.GetSection(TenantsOptions.SectionName).Bind(o.Tenants))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TenantsOptions>, TenantsOptionsValidator>();
        services.AddHttpClient();
        services.AddSingleton<ServiceMetrics>();
        services.TryAddSingleton<ITenantClientFactory, TenantClientFactory>();
        services.AddSingleton<TenantRegistry>();
        services.AddSingleton<ITenantSetup, TenantSetup>();

        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.SectionName)
            .Validate(o => o.MaxBodyBytes is > 0 and <= 16 * 1024 * 1024, "Intake:MaxBodyBytes must be between 1 and 16777216.")
            .Validate(o => o.MaxClockSkew > TimeSpan.Zero, "Intake:MaxClockSkew must be a positive duration.")
            .ValidateOnStart();
        return builder;
    }
}
