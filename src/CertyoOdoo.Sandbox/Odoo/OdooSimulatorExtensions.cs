using CertyoOdoo.Sandbox.Odoo.Protocols;
using CertyoOdoo.Sandbox.Odoo.Rpc;
using CertyoOdoo.Sandbox.Odoo.Schema;
using CertyoOdoo.Sandbox.Odoo.Store;
using CertyoOdoo.Sandbox.Odoo.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Sandbox.Odoo;

/// <summary>Composition of the Odoo simulator (XML-RPC, JSON-RPC, JSON-2).</summary>
public static class OdooSimulatorExtensions
{
    /// <summary>Registers the simulator: settings under <c>Sandbox:Odoo</c> (validated at start), the seeded store and the protocols.</summary>
    public static WebApplicationBuilder AddOdooSimulator(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OdooSimulatorOptions>().BindConfiguration(OdooSimulatorOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OdooSimulatorOptions>, OdooSimulatorOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SimulatorRandom(sp.GetRequiredService<IOptions<OdooSimulatorOptions>>().Value.RandomSeed));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<OdooSimulatorOptions>>().Value;
            var store = new OdooStore(SchemaCatalog.Load(options.Version, options.CertyoFields, options.CertyoFieldModels));
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            new DemoSeeder(store, options, now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond))).Seed();
            return store;
        });
        services.AddHostedService<OdooSeedService>();
        services.AddSingleton<SimulatorStats>();
        services.AddSingleton<CallGate>();
        services.AddSingleton<ReadMethods>();
        services.AddSingleton<WriteMethods>();
        services.AddSingleton(sp => new Lazy<WriteMethods>(sp.GetRequiredService<WriteMethods>));
        services.AddSingleton<LoadMethod>();
        services.AddSingleton<CustomFields>();
        services.AddSingleton<StateActions>();
        services.AddSingleton<TransactionRunner>();
        services.AddSingleton<ModelService>();
        services.AddSingleton<ServiceDispatcher>();
        services.AddSingleton<WebhookNotifier>();
        services.AddHttpClient(WebhookNotifier.HttpClientName);
        return builder;
    }

    /// <summary>Maps /xmlrpc/2/*, /jsonrpc, /json/2/* and /web/version (19), and the /sandbox/odoo helpers.</summary>
    public static IEndpointRouteBuilder MapOdooSimulator(this IEndpointRouteBuilder app)
    {
        app.MapXmlRpc();
        app.MapJsonRpc();
        app.MapJson2();
        app.MapSandboxOdoo();
        return app;
    }
}
