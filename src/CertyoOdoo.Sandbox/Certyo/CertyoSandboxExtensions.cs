namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>Composition of the Certyo sandbox (contract: shared/certyo-api.md).</summary>
public static class CertyoSandboxExtensions
{
    public static WebApplicationBuilder AddCertyoSandbox(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapCertyoSandbox(this IEndpointRouteBuilder app) => app;
}
