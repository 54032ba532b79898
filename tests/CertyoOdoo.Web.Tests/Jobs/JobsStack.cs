using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Testing;
using CertyoOdoo.Web.Hosting;
using CertyoOdoo.Web.Ledger;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Tests.Jobs;

/// <summary>
/// The end-to-end <see cref="Stack"/> (sandbox + service, no webhooks) set up for backfill and audit tests:
/// the simulator seeds done pickings a second apart, and the ledger starts with a reconcile cursor ahead of
/// them, as for a service that has reconciled up to now already: only a backfill brings older records in.
/// </summary>
internal sealed class JobsStack : IAsyncDisposable
{
    public const string ApiKey = "backfill-tests-key-0123456789";
    public const string Picking = "stock.picking";

    private readonly string? _dir;

    private JobsStack(Stack stack, string? dir)
    {
        Stack = stack;
        _dir = dir;
        Api = new HttpClient { BaseAddress = stack.Service!.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        Odoo = new SandboxDriver(stack.Http);
    }

    public Stack Stack { get; }

    /// <summary>The service's /api, authenticated.</summary>
    public HttpClient Api { get; }

    /// <summary>The simulated Odoo, called over JSON-RPC like any client.</summary>
    public SandboxDriver Odoo { get; }

    public IServiceProvider Services => Stack.Service!.Services;

    /// <summary>Null when PostgreSQL is wanted but not provisioned (the test then returns).</summary>
    public static async Task<JobsStack?> StartAsync(string provider, int donePickings, int readyPickings, int pageSize)
    {
        var storage = new Dictionary<string, string?> { ["Api:Keys:tests"] = ApiKey };
        StorageOptions options;
        string? dir = null;
        if (provider == "postgres")
        {
            if (TestPostgres.ServerConnectionString is null && !TestPostgres.Required)
            {
                return null;
            }

            options = new StorageOptions { Provider = "postgres", ConnectionString = await TestPostgres.CreateDatabaseAsync("jobs") };
            storage["ConnectionStrings:Ledger"] = options.ConnectionString;
        }
        else
        {
            dir = Directory.CreateTempSubdirectory("certyo-jobs-").FullName;
            options = new StorageOptions { Provider = "sqlite", SqlitePath = Path.Combine(dir, "ledger.db") };
            storage["Storage:SqlitePath"] = options.SqlitePath;
        }

        await using (var database = new LedgerDatabase(Options.Create(options), new HostingEnvironment { ContentRootPath = Path.GetTempPath() }))
        {
            await new LedgerMigrations(database, NullLogger<LedgerMigrations>.Instance).MigrateAsync(CancellationToken.None);
            var ahead = DateTime.UtcNow.AddDays(1);
            await new LedgerCursors(database).SetAsync("demo", Picking, new OdooRecordStamp(0, ahead), DateTimeOffset.UtcNow, CancellationToken.None);
        }

        storage["Jobs:ReconcilePageSize"] = pageSize.ToString(CultureInfo.InvariantCulture);
        storage["Jobs:ReconcileInterval"] = "00:10:00";
        var sandbox = new Dictionary<string, string?>
        {
            ["Sandbox:Odoo:Seed:DonePickings"] = donePickings.ToString(CultureInfo.InvariantCulture),
            ["Sandbox:Odoo:Seed:Productions"] = "0",
        };
        var stack = await Stack.StartAsync(provider, "none", readyPickings, productions: 0, sandbox, storage);
        return new JobsStack(stack!, dir);
    }

    /// <summary>The done pickings as Odoo reports them (write_date to the second), oldest first.</summary>
    public async Task<IReadOnlyList<(int Id, DateTimeOffset WriteDate)>> DonePickingsAsync()
    {
        var domain = new JsonArray(new JsonArray("state", "=", "done"));
        var rows = await Odoo.ExecuteKwAsync(Picking, "search_read", new JsonArray(domain, new JsonArray("write_date")), CancellationToken.None);
        return [.. rows!.AsArray()
            .Select(r => (r!["id"]!.GetValue<int>(), DateTimeOffset.ParseExact(r["write_date"]!.GetValue<string>(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)))
            .OrderBy(r => r.Item2).ThenBy(r => r.Item1)];
    }

    /// <summary>GET /api/backfills/{id}.</summary>
    public async Task<JsonNode> BackfillAsync(long id) =>
        (await Api.GetFromJsonAsync<JsonNode>(new Uri($"/api/backfills/{id}", UriKind.Relative)))!;

    public static string RecordPath(int id) => $"/api/tenants/demo/records/{Picking}/{id}";

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Stack.DisposeAsync();
        if (_dir is not null)
        {
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
}
