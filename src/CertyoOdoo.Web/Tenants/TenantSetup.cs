namespace CertyoOdoo.Web.Tenants;

/// <summary>Creates the x_certyo_* fields in a tenant's Odoo for every enabled model (<see cref="ITenantSetup"/>).</summary>
internal sealed class TenantSetup(TenantRegistry tenants) : ITenantSetup
{
    public async Task<IReadOnlyList<EnsureFieldsResult>> EnsureCertyoFieldsAsync(string tenant, CancellationToken cancellationToken)
    {
        if (!tenants.TryGet(tenant, out var name, out var options))
        {
            throw new ArgumentException($"Unknown tenant '{tenant}'.", nameof(tenant));
        }

        var reader = tenants.Odoo(name);
        var results = new List<EnsureFieldsResult>();
        foreach (var (model, modelOptions) in options.EnabledModels())
        {
            try
            {
                if (!await reader.ModelExistsAsync(model, cancellationToken))
                {
                    results.Add(new EnsureFieldsResult(model, false, [], null));
                    continue;
                }

                var created = await reader.EnsureCertyoFieldsAsync(model, TenantRegistry.FieldNames(modelOptions), cancellationToken);
                results.Add(new EnsureFieldsResult(model, true, created, null));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                results.Add(new EnsureFieldsResult(model, true, [], ex.Message));
            }
        }

        return results;
    }
}
