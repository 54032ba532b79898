using CertyoOdoo.Sandbox.Certyo;
using CertyoOdoo.Sandbox.Odoo;

namespace CertyoOdoo.Sandbox;

/// <summary>
/// Builds the sandbox: a local Certyo (Certyo/) and an Odoo simulator (Odoo/) in one app, so one
/// command gives a developer both peers. Tests build it the same way on 127.0.0.1:0.
/// </summary>
public static class SandboxApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddProblemDetails();
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen();
        builder.AddCertyoSandbox();
        builder.AddOdooSimulator();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseSwagger();
        app.UseSwaggerUI();
        app.MapCertyoSandbox();
        app.MapOdooSimulator();
        app.MapGet("/", () => TypedResults.Redirect("/swagger")).ExcludeFromDescription();
        return app;
    }
}
