using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>Composition of the Certyo sandbox (contract: shared/certyo-api.md).</summary>
public static class CertyoSandboxExtensions
{
    public static WebApplicationBuilder AddCertyoSandbox(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<CertyoSandboxOptions>()
            .BindConfiguration(CertyoSandboxOptions.Section)
            .PostConfigure(o =>
            {
                if (o.ApiKeys.Count == 0)
                {
                    o.ApiKeys.Add("sandbox-key");
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CertyoSandboxOptions>, CertyoSandboxOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CertyoSandboxStore>();
        services.AddSingleton<SandboxFaults>();
        services.AddSingleton<CertyoSandboxCalls>();
        services.AddSingleton<CertyoSandboxBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<CertyoSandboxBatcher>());
        return builder;
    }

    public static IEndpointRouteBuilder MapCertyoSandbox(this IEndpointRouteBuilder app)
    {
        app.MapCertyoApi();
        app.MapSandboxAdmin();
        return app;
    }
}
