namespace CertyoOdoo.Sandbox.Odoo;

/// <summary>Composition of the Odoo simulator (XML-RPC, JSON-RPC, JSON-2).</summary>
public static class OdooSimulatorExtensions
{
    public static WebApplicationBuilder AddOdooSimulator(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapOdooSimulator(this IEndpointRouteBuilder app) => app;
}
