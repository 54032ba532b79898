using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CertyoOdoo.Web.Hosting;

/// <summary>
/// Marks each operation with the scheme that guards it: the API key where the <c>Api</c> policy
/// applies; signature or token (either suffices) on the Odoo webhook, whose headers it documents.
/// </summary>
internal sealed class SwaggerSecurityFilter : IOperationFilter
{
    public const string SignatureHeader = "X-Certyo-Signature";
    public const string TimestampHeader = "X-Certyo-Timestamp";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var path = context.ApiDescription.RelativePath ?? "";
        if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy == AuthApiKeyHandler.PolicyName))
        {
            operation.Security = [Requirement(context.Document, SwaggerExtensions.ApiKeyScheme)];
            AddProblemResponse(operation, context, "401", "Missing or invalid X-Api-Key.");
        }
        else if (path.StartsWith("webhooks/", StringComparison.OrdinalIgnoreCase))
        {
            // Alternatives: the module signs; Odoo's native action passes ?token=.
            operation.Security =
            [
                Requirement(context.Document, SwaggerExtensions.WebhookSignatureScheme),
                Requirement(context.Document, SwaggerExtensions.WebhookTokenScheme),
            ];
            AddParameter(operation, TimestampHeader, ParameterLocation.Header,
                "Unix time in seconds when the module signed the body; refused when older than 5 minutes. Module-style requests only.", "1767225600");
            AddParameter(operation, SignatureHeader, ParameterLocation.Header,
                "sha256=<hex HMAC-SHA256 of \"{timestamp}.{body}\" with the tenant's webhook secret>. Module-style requests only.",
                "sha256=3f1c0e8b5e0d9a7c2b4e6f8a0c1d3e5f7a9b1c3d5e7f9a1b3c5d7e9f1a3b5c7d");
            AddParameter(operation, "token", ParameterLocation.Query,
                "The tenant's webhook secret, for Odoo 17+'s native webhook action (which cannot sign).", null);
            AddProblemResponse(operation, context, "401", "Bad signature, stale timestamp or wrong token.");
        }
    }

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, string scheme) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static void AddParameter(OpenApiOperation operation, string name, ParameterLocation location, string description, string? example)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.In == location))
        {
            return;
        }

        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = location,
            Required = false,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Example = example is null ? null : System.Text.Json.Nodes.JsonValue.Create(example),
        });
    }

    private static void AddProblemResponse(OpenApiOperation operation, OperationFilterContext context, string status, string description)
    {
        operation.Responses ??= [];
        if (!operation.Responses.ContainsKey(status))
        {
            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository) },
                },
            };
        }
    }
}
