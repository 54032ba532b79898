using CertyoOdoo.Web.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CertyoOdoo.Web.Endpoints;

/// <summary><c>/api/tenants</c>: the configured tenants, and one-off Odoo setup.</summary>
internal static class ApiTenantEndpoints
{
    public static RouteGroupBuilder MapApiTenants(this RouteGroupBuilder api)
    {
        var tenants = api.MapGroup("/tenants").WithTags("Tenants");
        tenants.MapGet("", List).WithName("ListTenants");
        tenants.MapPost("/{tenant}/odoo-fields", EnsureOdooFieldsAsync).WithName("EnsureOdooFields")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status502BadGateway);
        return api;
    }

    /// <summary>The configured tenants and the models each anchors (no secrets).</summary>
    /// <param name="tenants">Configured tenants.</param>
    /// <response code="200">The tenants.</response>
    internal static Ok<IReadOnlyList<ApiTenant>> List(ApiTenantDirectory tenants)
    {
        var list = new List<ApiTenant>();
        foreach (var name in tenants.Names.Order(StringComparer.Ordinal))
        {
            if (tenants.TryFind(name, out var canonical, out var options))
            {
                list.Add(ApiTenant.Of(canonical, options));
            }
        }

        return TypedResults.Ok<IReadOnlyList<ApiTenant>>(list);
    }

    /// <summary>Creates the x_certyo_* fields in Odoo, for databases where the CertyoOdoo module cannot be installed.</summary>
    /// <remarks>
    /// For each enabled model, creates the write-back fields (record hash, anchor status, anchored at)
    /// through ir.model.fields when missing. Safe to call again: existing fields are left alone.
    /// The Odoo user needs the Settings (technical) rights to create fields.
    /// </remarks>
    /// <param name="tenant" example="acme">Tenant name.</param>
    /// <param name="tenants">Configured tenants.</param>
    /// <param name="setup">The tenant setup service.</param>
    /// <param name="cancellationToken">Request abort.</param>
    /// <response code="200">Per model: installed or not, and the fields created now.</response>
    /// <response code="404">Unknown tenant.</response>
    /// <response code="502">Odoo refused or could not be reached.</response>
    internal static async Task<Results<Ok<IReadOnlyList<ApiOdooFieldsResult>>, ProblemHttpResult>> EnsureOdooFieldsAsync(
        string tenant, ApiTenantDirectory tenants, ITenantSetup setup, CancellationToken cancellationToken)
    {
        if (!tenants.TryFind(tenant, out var canonical, out _))
        {
            return ApiTenantDirectory.UnknownTenant(tenant);
        }

        try
        {
            var results = await setup.EnsureCertyoFieldsAsync(canonical, cancellationToken);
            return TypedResults.Ok<IReadOnlyList<ApiOdooFieldsResult>>([.. results.Select(ApiOdooFieldsResult.Of)]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ApiUpstream.OdooFailed(ex);
        }
    }
}
