using System.Collections.Concurrent;
using CertyoOdoo.Certyo.Client;
using CertyoOdoo.Odoo.Connector;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Tenants;

/// <summary>
/// The configured tenants and, per tenant, its Certyo client and Odoo reader (built once, on first use).
/// Names resolve case-insensitively to the configured spelling, which is what the ledger stores.
/// </summary>
internal sealed class TenantRegistry(IOptions<TenantsOptions> options, ITenantClientFactory factory)
{
    private readonly ConcurrentDictionary<string, Lazy<ICertyoClient>> _certyo = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<IOdooRecordReader>> _odoo = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => options.Value.Tenants.Keys;

    /// <summary>Finds a tenant by name; <paramref name="canonical"/> is its configured spelling.</summary>
    public bool TryGet(string name, out string canonical, out TenantOptions tenant)
    {
        foreach (var (key, value) in options.Value.Tenants)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                canonical = key;
                tenant = value;
                return true;
            }
        }

        canonical = "";
        tenant = null!;
        return false;
    }

    public TenantOptions Get(string tenant) =>
        TryGet(tenant, out _, out var options1) ? options1 : throw new ArgumentException($"Unknown tenant '{tenant}'.", nameof(tenant));

    /// <summary>The options of an enabled model of a tenant; null when not enabled.</summary>
    public ModelOptions? Model(string tenant, string model) =>
        Get(tenant).EnabledModels().TryGetValue(model, out var m) ? m : null;

    /// <summary>The canonical tenant name when the tenant exists and anchors <paramref name="model"/>; else <see cref="ArgumentException"/>.</summary>
    public string ResolveModel(string tenant, string model)
    {
        if (!TryGet(tenant, out var canonical, out var t))
        {
            throw new ArgumentException($"Unknown tenant '{tenant}'.", nameof(tenant));
        }

        return t.EnabledModels().ContainsKey(model)
            ? canonical
            : throw new ArgumentException($"Tenant '{canonical}' does not anchor model '{model}' (enabled: {string.Join(", ", t.EnabledModels().Keys)}).", nameof(model));
    }

    public ICertyoClient Certyo(string tenant) =>
        _certyo.GetOrAdd(tenant, name => new Lazy<ICertyoClient>(() => factory.CreateCertyo(name, Get(name)))).Value;

    public IOdooRecordReader Odoo(string tenant) =>
        _odoo.GetOrAdd(tenant, name => new Lazy<IOdooRecordReader>(() => factory.CreateOdoo(name, Get(name)))).Value;

    public static CertyoFieldNames FieldNames(ModelOptions model) => new(model.RecordHashField, model.AnchorStatusField, model.AnchoredAtField);
}

/// <summary>Builds a tenant's clients (swapped in tests and benchmarks to count calls).</summary>
internal interface ITenantClientFactory
{
    ICertyoClient CreateCertyo(string tenant, TenantOptions options);

    IOdooRecordReader CreateOdoo(string tenant, TenantOptions options);
}
