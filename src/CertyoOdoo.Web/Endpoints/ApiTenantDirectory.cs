using System.Diagnostics.CodeAnalysis;
using CertyoOdoo.Web.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CertyoOdoo.Web.Endpoints;

/// <summary>The configured tenants as the API sees them (over <see cref="TenantRegistry"/>), and the 404s that name what is unknown.</summary>
internal sealed class ApiTenantDirectory(TenantRegistry registry)
{
    public IEnumerable<string> Names => registry.Names;

    /// <summary>Finds a tenant by name (case-insensitive) and gives its configured spelling.</summary>
    public bool TryFind(string? name, [NotNullWhen(true)] out string? canonical, [NotNullWhen(true)] out TenantOptions? tenant)
    {
        if (!string.IsNullOrWhiteSpace(name) && registry.TryGet(name, out var found, out var options))
        {
            canonical = found;
            tenant = options;
            return true;
        }

        canonical = null;
        tenant = null;
        return false;
    }

    /// <summary>True when <paramref name="model"/> is anchored for the tenant.</summary>
    public static bool IsEnabled(TenantOptions tenant, string model) => tenant.EnabledModels().ContainsKey(model);

    /// <summary>404 problem for an unknown tenant.</summary>
    public static ProblemHttpResult UnknownTenant(string tenant) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown tenant",
        detail: $"No tenant '{tenant}' is configured (Tenants:{{name}}).");

    /// <summary>404 problem for a model the tenant does not anchor.</summary>
    public static ProblemHttpResult UnknownModel(string tenant, string model) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Model not anchored",
        detail: $"Tenant '{tenant}' does not anchor '{model}'. Supported models: {string.Join(", ", ModelCatalog.Supported)}.");

    /// <summary>404 problem for a record the ledger does not know.</summary>
    public static ProblemHttpResult UnknownRecord(string tenant, string model, int id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown record",
        detail: $"The ledger has no row for {model} {id} of tenant '{tenant}'. POST .../resync to create it.");
}
