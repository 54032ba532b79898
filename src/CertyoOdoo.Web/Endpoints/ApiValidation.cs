using CertyoOdoo.Web.Tenants;

namespace CertyoOdoo.Web.Endpoints;

/// <summary>A request that can tell what is wrong with itself, field by field.</summary>
internal interface IApiValidatable
{
    /// <summary>Errors by field name (camelCase, as the client sent it); empty when valid.</summary>
    Dictionary<string, string[]> Validate(ApiValidationContext context);
}

/// <summary>What validation may look up: the configured tenants, and the tenant named in the route if any.</summary>
internal sealed class ApiValidationContext(ApiTenantDirectory tenants, TenantOptions? routeTenant)
{
    public ApiTenantDirectory Tenants { get; } = tenants;

    /// <summary>The <c>{tenant}</c> of the route when it names a configured tenant (unknown ones get a 404 from the handler).</summary>
    public TenantOptions? RouteTenant { get; } = routeTenant;
}

/// <summary>
/// The one place requests are validated: every <see cref="IApiValidatable"/> argument is checked
/// before the handler runs, and errors leave as a 400 ValidationProblem.
/// </summary>
internal sealed class ApiValidationFilter(ApiTenantDirectory tenants) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Dictionary<string, string[]>? errors = null;
        var routeTenant = context.HttpContext.GetRouteValue("tenant") as string;
        var validation = new ApiValidationContext(tenants, tenants.TryFind(routeTenant, out _, out var tenant) ? tenant : null);
        foreach (var argument in context.Arguments)
        {
            if (argument is IApiValidatable validatable)
            {
                foreach (var (field, messages) in validatable.Validate(validation))
                {
                    errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
                    errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, .. messages] : messages;
                }
            }
        }

        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors, title: "The request is not valid.");
        }

        return await next(context);
    }
}

/// <summary>Collects field errors with less ceremony.</summary>
internal sealed class ApiErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public void AddIf(bool condition, string field, string message)
    {
        if (condition)
        {
            Add(field, message);
        }
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
