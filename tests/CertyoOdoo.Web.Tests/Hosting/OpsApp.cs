using System.Net;
using CertyoOdoo.Testing;
using CertyoOdoo.Web.Hosting;
using CertyoOdoo.Web.Tenants;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CertyoOdoo.Web.Tests.Hosting;

/// <summary>
/// One service host for the operator-surface tests (Hangfire's static state allows one at a time):
/// embedded store in a temp folder; tenant "acme" (Odoo and Certyo in memory for the data path, the
/// sandbox's URLs for the health probes), tenant "down" whose peers do not answer, and tenant "sim"
/// on the real clients against the sandbox.
/// </summary>
public sealed class OpsApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ApiKey = "test-api-key-0123456789";
    public const string Tenant = "acme";

    /// <summary>A tenant on the real clients, talking to the sandbox's Odoo simulator and Certyo.</summary>
    public const string SimTenant = "sim";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "certyo-ops-" + Guid.NewGuid().ToString("N"));
    private SandboxServer? _sandbox;

    internal OpsFakes Fakes { get; } = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _sandbox = await SandboxServer.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:DatabasePath"] = ":memory:",
            ["Sandbox:Odoo:CertyoFields"] = "false", // as when the module is not installed
            ["Sandbox:Odoo:Seed:DonePickings"] = "2",
            ["Sandbox:Odoo:Seed:ReadyPickings"] = "0",
            ["Sandbox:Odoo:Seed:Productions"] = "0",
            ["Sandbox:Odoo:Seed:ReadyProductions"] = "0",
        });
        _ = Server; // start the host now, so every test sees a running service
        await StartupReconcilesDoneAsync();
    }

    /// <summary>
    /// Waits for the reconciles triggered at start: after them the next run is an hour away, so what a
    /// test puts in the fake Odoo reaches the ledger only through what the test does.
    /// </summary>
    private async Task StartupReconcilesDoneAsync()
    {
        var storage = Services.GetRequiredService<Hangfire.JobStorage>();
        var ids = new[] { Tenant, SimTenant }.Select(t => global::CertyoOdoo.Web.Jobs.RecurringJobsSetup.ReconcileId(t, "stock.picking")).ToHashSet();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using (var connection = storage.GetConnection())
            {
                var done = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection)
                    .Count(j => ids.Contains(j.Id) && j.LastJobState == "Succeeded");
                if (done == ids.Count)
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The start-up reconciles did not finish within 60 s.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A client that sends the API key.</summary>
    public HttpClient CreateApiClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    /// <summary>Sends a request that looks as coming from <paramref name="remote"/> (TestServer leaves the address empty).</summary>
    public Task<HttpContext> SendFromAsync(IPAddress? remote, string path, Action<HttpRequest>? configure = null) =>
        Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = remote;
            context.Connection.LocalIpAddress = IPAddress.Loopback;
            configure?.Invoke(context.Request);
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var sandbox = _sandbox?.BaseAddress.ToString() ?? "http://127.0.0.1:9/";
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:SqlitePath"] = Path.Combine(_folder, "ledger.db"),
            ["Storage:HangfireSqlitePath"] = Path.Combine(_folder, "hangfire.db"),
            ["Api:Keys:test"] = ApiKey,
            ["Jobs:SweepInterval"] = "00:00:01",
            ["Jobs:SchedulePollingInterval"] = "00:00:01",
            ["Jobs:VerifyFirstDelay"] = "01:00:00",
            ["Jobs:ReconcileInterval"] = "01:00:00",
            ["Health:CacheDuration"] = "00:00:02",
            ["Health:Timeout"] = "00:00:02",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        AddTenant(settings, Tenant, sandbox, sandbox);
        AddTenant(settings, "down", "http://127.0.0.1:9/", "http://127.0.0.1:9/");
        AddTenant(settings, SimTenant, sandbox, sandbox);
        settings[$"Tenants:{SimTenant}:Odoo:Database"] = "demo";
        settings[$"Tenants:{SimTenant}:Odoo:ApiKey"] = "admin";
        settings[$"Tenants:{SimTenant}:Models:stock.picking:Enabled"] = "true";
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<ITenantClientFactory>();
            services.AddSingleton(sp => Fakes.Factory(sp.GetRequiredService<ServiceMetrics>(), ActivatorUtilities.CreateInstance<TenantClientFactory>(sp)));
        });
    }

    private static void AddTenant(Dictionary<string, string> settings, string name, string odoo, string certyo)
    {
        var p = $"Tenants:{name}";
        settings[$"{p}:Odoo:Url"] = odoo;
        settings[$"{p}:Odoo:Database"] = "odoo";
        settings[$"{p}:Odoo:Login"] = "admin";
        settings[$"{p}:Odoo:ApiKey"] = "odoo-api-key";
        settings[$"{p}:Certyo:BaseUrl"] = certyo;
        settings[$"{p}:Certyo:ApiKey"] = "sandbox-key"; // what the sandbox accepts
        settings[$"{p}:Certyo:TenantId"] = "tenant-" + name;
        settings[$"{p}:Webhook:Secret"] = "webhook-secret-0123456789";
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the temp folder is cleaned by the OS.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OpsGroup : ICollectionFixture<OpsApp>
{
    public const string Name = "ops";
}
