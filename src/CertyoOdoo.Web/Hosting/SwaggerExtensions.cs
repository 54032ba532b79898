using System.Reflection;
using Microsoft.OpenApi;

namespace CertyoOdoo.Web.Hosting;

/// <summary>
/// OpenAPI document and Swagger UI at <c>/swagger</c>: summaries and examples from the XML docs,
/// the API-key scheme on <c>/api</c>, the webhook's HMAC headers and <c>?token=</c> on the intake.
/// </summary>
internal static class SwaggerExtensions
{
    public const string ApiKeyScheme = "ApiKey";
    public const string WebhookSignatureScheme = "WebhookSignature";
    public const string WebhookTokenScheme = "WebhookToken";

    public static IHostApplicationBuilder AddCertyoSwagger(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "CertyoOdoo",
                Version = "v1",
                Description = "Anchors done Odoo records (pickings, manufacturing orders, lots, quality checks) on Certyo. "
                    + "Operators and integrators use /api (header X-Api-Key); Odoo posts to /webhooks/odoo/{tenant}.",
            });
            options.IncludeXmlComments(Assembly.GetExecutingAssembly(), includeControllerXmlComments: true);
            options.AddSecurityDefinition(ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = AuthApiKeyHandler.HeaderName,
                Description = "One of the keys configured under Api:Keys.",
            });
            options.AddSecurityDefinition(WebhookSignatureScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = SwaggerSecurityFilter.SignatureHeader,
                Description = "Sent by the CertyoOdoo Odoo module: sha256=<hex of HMAC-SHA256(tenant webhook secret, \"{X-Certyo-Timestamp}.{body}\")>. "
                    + "X-Certyo-Timestamp (Unix seconds) must be within 5 minutes.",
            });
            options.AddSecurityDefinition(WebhookTokenScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Query,
                Name = "token",
                Description = "For Odoo 17+'s native \"Send Webhook Notification\" action, which cannot sign: the tenant's webhook secret.",
            });
            options.OperationFilter<SwaggerSecurityFilter>();
            options.DocumentFilter<SwaggerOperationsFilter>();
        });
        return builder;
    }

    /// <summary>Serves <c>/swagger/v1/swagger.json</c> and the UI at <c>/swagger</c>.</summary>
    public static WebApplication UseCertyoSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/swagger/v1/swagger.json", "CertyoOdoo v1");
            ui.DocumentTitle = "CertyoOdoo API";
            ui.EnablePersistAuthorization();
        });
        return app;
    }
}
