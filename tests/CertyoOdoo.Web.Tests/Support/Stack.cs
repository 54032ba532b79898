using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CertyoOdoo.Odoo;
using CertyoOdoo.Sandbox.Certyo;
using CertyoOdoo.Testing;
using CertyoOdoo.Web.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Tests;

/// <summary>
/// The sandbox (Certyo + Odoo simulator) and the service wired to each other over loopback, on the
/// embedded store or a fresh PostgreSQL database. The service can be stopped and started again on
/// the same storage.
/// </summary>
internal sealed class Stack : IAsyncDisposable
{
    public const string Secret = "e2e-webhook-secret-0123456789";
    private readonly Dictionary<string, string?> _serviceSettings;
    private readonly string _dir;

    private Stack(SandboxServer sandbox, int port, Dictionary<string, string?> serviceSettings, string dir)
    {
        Sandbox = sandbox;
        Port = port;
        _serviceSettings = serviceSettings;
        _dir = dir;
        Http = new HttpClient { BaseAddress = sandbox.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public SandboxServer Sandbox { get; }
    public ServiceHost? Service { get; private set; }
    public int Port { get; }
    public HttpClient Http { get; }

    /// <summary>
    /// Starts both; null when PostgreSQL is wanted but not provisioned (the test is then skipped).
    /// <c>webhooks</c> is native, module or none (polling only); the seed holds <c>pickings</c> ready
    /// pickings and <c>productions</c> confirmed MOs, nothing done.
    /// </summary>
    public static async Task<Stack?> StartAsync(
        string provider, string webhooks, int pickings, int productions,
        IDictionary<string, string?>? sandboxExtra = null, IDictionary<string, string?>? serviceExtra = null)
    {
        string? ledger = null;
        if (provider == "postgres")
        {
            if (TestPostgres.ServerConnectionString is null && !TestPostgres.Required)
            {
                return null;
            }

            ledger = await TestPostgres.CreateDatabaseAsync("e2e");
        }

        var port = ServiceHost.FreePort();
        var sandboxSettings = new Dictionary<string, string?>
        {
            ["Sandbox:DatabasePath"] = ":memory:",
            ["Sandbox:BatchWindow"] = "00:00:01",
            ["Sandbox:AnchorDelay"] = "00:00:01",
            ["Sandbox:Odoo:Version"] = "17",
            ["Sandbox:Odoo:Seed:DonePickings"] = "0",
            ["Sandbox:Odoo:Seed:ReadyPickings"] = pickings.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sandbox:Odoo:Seed:LinesPerPicking"] = "2",
            ["Sandbox:Odoo:Seed:Productions"] = "0",
            ["Sandbox:Odoo:Seed:ReadyProductions"] = productions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (webhooks != "none")
        {
            sandboxSettings["Sandbox:Odoo:Webhooks:Url"] = webhooks == "native"
                ? $"http://127.0.0.1:{port}/webhooks/odoo/demo?token={Secret}"
                : $"http://127.0.0.1:{port}/webhooks/odoo/demo";
            sandboxSettings["Sandbox:Odoo:Webhooks:Style"] = webhooks == "native" ? "Native" : "Module";
            sandboxSettings["Sandbox:Odoo:Webhooks:Secret"] = Secret;
        }

        foreach (var (k, v) in sandboxExtra ?? new Dictionary<string, string?>())
        {
            sandboxSettings[k] = v;
        }

        var sandbox = await SandboxServer.StartAsync(sandboxSettings);
        var dir = Directory.CreateTempSubdirectory("certyo-e2e-").FullName;
        var service = new Dictionary<string, string?>
        {
            ["Tenants:demo:Odoo:Url"] = sandbox.BaseAddress.ToString(),
            ["Tenants:demo:Odoo:Database"] = "demo",
            ["Tenants:demo:Odoo:Login"] = "admin",
            ["Tenants:demo:Odoo:ApiKey"] = "admin",
            ["Tenants:demo:Certyo:BaseUrl"] = sandbox.BaseAddress.ToString(),
            ["Tenants:demo:Certyo:ApiKey"] = "sandbox-key",
            ["Tenants:demo:Certyo:TenantId"] = "demo",
            ["Tenants:demo:Certyo:MaxAttempts"] = "2",
            ["Tenants:demo:Certyo:TotalTimeout"] = "00:00:05",
            ["Tenants:demo:Webhook:Secret"] = webhooks == "none" ? "" : Secret,
            ["Storage:Provider"] = provider,
            ["Storage:SqlitePath"] = Path.Combine(dir, "ledger.db"),
            ["Storage:HangfireSqlitePath"] = Path.Combine(dir, "hangfire.db"),
            ["ConnectionStrings:Ledger"] = ledger,
            ["Jobs:SweepInterval"] = "00:00:01",
            ["Jobs:SchedulePollingInterval"] = "00:00:01",
            ["Jobs:QueuePollInterval"] = "00:00:00.200",
            ["Jobs:ClaimLease"] = "00:00:05",
            ["Jobs:InFlightTimeout"] = "00:00:05",
            ["Jobs:VerifyFirstDelay"] = "00:00:01",
            ["Jobs:VerifyMaxDelay"] = "00:00:02",
            ["Jobs:NotDoneRetryDelay"] = "00:00:01",
            ["Jobs:FailureBackoffBase"] = "00:00:01",
            ["Jobs:FailureBackoffMax"] = "00:00:02",
            ["Jobs:WriteBackRetryDelay"] = "00:00:02",
            ["Jobs:ReconcileInterval"] = webhooks == "none" ? "00:00:01" : "00:10:00",
            ["Jobs:ReconcileOverlap"] = "00:00:05",
        };
        foreach (var (k, v) in serviceExtra ?? new Dictionary<string, string?>())
        {
            service[k] = v;
        }

        var stack = new Stack(sandbox, port, service, dir);
        stack.StartService();
        return stack;
    }

    public void StartService() => Service = ServiceHost.Start(Port, _serviceSettings);

    public async Task StopServiceAsync()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
            Service = null;
        }
    }

    public CertyoSandboxFaultOptions CertyoFaults => Sandbox.Services.GetRequiredService<IOptions<CertyoSandboxOptions>>().Value.Faults;

    /// <summary>Ids of the simulator's records of a model in the given states (read over XML-RPC like any client).</summary>
    public async Task<IReadOnlyList<int>> IdsAsync(string model, params string[] states)
    {
        using var http = new HttpClient();
        using var client = OdooClient.Create(http, new OdooConnectionOptions
        {
            Url = Sandbox.BaseAddress, Database = "demo", Login = "admin", ApiKey = "admin", Protocol = OdooProtocol.XmlRpc,
        });
        var domain = new JsonArray(new JsonArray("state", "in", new JsonArray([.. states.Select(s => (JsonNode)s)])));
        return await client.SearchAsync(model, domain);
    }

    /// <summary>Validates pickings and marks MOs done through the simulator, a few at a time (as users would).</summary>
    public async Task CompleteAsync(IReadOnlyList<int> pickings, IReadOnlyList<int> productions)
    {
        var work = pickings.Select(id => $"sandbox/odoo/pickings/{id}/validate")
            .Concat(productions.Select(id => $"sandbox/odoo/productions/{id}/done"));
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (path, ct) =>
        {
            using var response = await Http.PostAsync(new Uri(path, UriKind.Relative), null, ct);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        });
    }

    public async Task<SandboxStats> CertyoStatsAsync() =>
        (await Http.GetFromJsonAsync<SandboxStats>(new Uri("sandbox/certyo/stats?tenantId=demo", UriKind.Relative)))!;

    public async Task<JsonElement> OdooRecordAsync(string model, int id) =>
        await Http.GetFromJsonAsync<JsonElement>(new Uri($"sandbox/odoo/records/{model}/{id}", UriKind.Relative));

    public async Task<IReadOnlyDictionary<LedgerStatus, long>> LedgerCountsAsync() =>
        await Service!.Services.GetRequiredService<ILedgerAdmin>().CountByStatusAsync("demo", CancellationToken.None);

    public Task<LedgerEntry?> LedgerEntryAsync(string model, int id) =>
        Service!.Services.GetRequiredService<ILedgerAdmin>().FindAsync("demo", model, id, CancellationToken.None);

    public async Task<string> DescribeAsync()
    {
        var counts = Service is null ? "service stopped" : string.Join(", ", (await LedgerCountsAsync()).Where(c => c.Value > 0).Select(c => $"{c.Key}={c.Value}"));
        var stats = await CertyoStatsAsync();
        return $"ledger: {counts}; certyo: {stats}";
    }

    /// <summary>Waits until the ledger holds <paramref name="count"/> anchored rows whose status Odoo shows too.</summary>
    public Task WaitAnchoredAsync(int count, TimeSpan timeout) =>
        Eventually.WaitAsync(
            async () =>
            {
                var page = await Service!.Services.GetRequiredService<ILedgerAdmin>().ListAsync(
                    new LedgerQuery(Tenant: "demo", Status: LedgerStatus.Anchored, PageSize: LedgerQuery.MaxPageSize), CancellationToken.None);
                return page.Items.Count(e => e.OdooStatus == "anchored") >= count;
            },
            timeout,
            DescribeAsync);

    public async ValueTask DisposeAsync()
    {
        await StopServiceAsync();
        Http.Dispose();
        await Sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
    }
}
