using CertyoOdoo.Certyo.Client;
using CertyoOdoo.Odoo;
using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Web.Hosting;

namespace CertyoOdoo.Web.Tenants;

/// <summary>
/// Builds a tenant's clients on named HttpClients ("certyo:{tenant}", "odoo:{tenant}"), each wrapped
/// to feed the service's metrics. Certyo's client retries transient failures inside; Odoo's does not
/// (its calls are not idempotent): the ledger retries the unit of work.
/// </summary>
internal sealed class TenantClientFactory(IHttpClientFactory http, ServiceMetrics metrics, TimeProvider time, ILoggerFactory loggers)
    : ITenantClientFactory
{
    public ICertyoClient CreateCertyo(string tenant, TenantOptions options)
    {
        var client = new CertyoClient(http.CreateClient($"certyo:{tenant}"), options.Certyo.ToClientOptions(), time, loggers.CreateLogger<CertyoClient>());
        return new MeteredCertyoClient(client, metrics);
    }

    public IOdooRecordReader CreateOdoo(string tenant, TenantOptions options)
    {
        var client = OdooClient.Create(http.CreateClient($"odoo:{tenant}"), options.Odoo.ToConnectionOptions(), time, loggers);
        return new MeteredOdooReader(new OdooRecordReader(client, loggers.CreateLogger<OdooRecordReader>()), metrics);
    }
}
