using CertyoOdoo.Web.Intake;
using Microsoft.AspNetCore.Hosting.Server;

namespace CertyoOdoo.Web.Hosting;

/// <summary>Composition of the intake's warm-up: the server starts listening once the webhook path is warm.</summary>
internal static class IntakeWarmupHosting
{
    /// <summary>
    /// Starts the server registered so far (Kestrel) only after the intake's warm-up (<see cref="IntakeWarmup"/>).
    /// Hosts that register their own server afterwards (WebApplicationFactory: the test server, or its UseKestrel)
    /// are left alone, so the warm-up is tested on the service as a process.
    /// </summary>
    public static WebApplicationBuilder AddIntakeWarmup(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IntakeWarmup>();
        var server = services.LastOrDefault(d => d.ServiceType == typeof(IServer) && !d.IsKeyedService);
        if (server is null)
        {
            return builder;
        }

        services.Remove(server);
        services.AddSingleton<IServer>(sp => new WarmedUpServer(
            server.ImplementationInstance as IServer
                ?? (IServer?)server.ImplementationFactory?.Invoke(sp)
                ?? (IServer)ActivatorUtilities.CreateInstance(sp, server.ImplementationType!),
            sp.GetRequiredService<IntakeWarmup>()));
        return builder;
    }
}
