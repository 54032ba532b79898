namespace CertyoOdoo.Web.Tenants;

/// <summary>One-off setup of a tenant's Odoo, for users who cannot install the Odoo module.</summary>
internal interface ITenantSetup
{
    /// <summary>
    /// Creates the x_certyo_* fields on every enabled model of <paramref name="tenant"/> (models not
    /// installed in Odoo are reported, not created). Unknown tenant: <see cref="ArgumentException"/>.
    /// </summary>
    Task<IReadOnlyList<EnsureFieldsResult>> EnsureCertyoFieldsAsync(string tenant, CancellationToken cancellationToken);
}

/// <summary>Per model: whether Odoo has it, and which fields were created now.</summary>
internal sealed record EnsureFieldsResult(string Model, bool ModelInstalled, IReadOnlyList<string> CreatedFields, string? Error);
