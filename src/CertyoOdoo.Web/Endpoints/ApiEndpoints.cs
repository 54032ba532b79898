using CertyoOdoo.Web.Hosting;

namespace CertyoOdoo.Web.Endpoints;

/// <summary>
/// The operators' and integrators' REST API under <c>/api</c>: API-key auth, validation and
/// problem responses are set once here for every resource group.
/// </summary>
internal static class ApiEndpoints
{
    /// <summary>Registers what the API's handlers need besides the service's own components.</summary>
    public static IServiceCollection AddCertyoApi(this IServiceCollection services)
    {
        services.AddSingleton<ApiTenantDirectory>();
        // Binding failures throw in every environment, so the handler below can name the parameter.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ApiBadRequestHandler>();
        return services;
    }

    /// <summary>Maps every <c>/api</c> endpoint.</summary>
    public static IEndpointRouteBuilder MapCertyoApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api")
            .RequireAuthorization(AuthApiKeyHandler.PolicyName)
            .AddEndpointFilter<ApiValidationFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapApiRecords();
        api.MapApiBackfills();
        api.MapApiTenants();
        return app;
    }
}
