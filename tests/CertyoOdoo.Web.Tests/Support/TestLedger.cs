using CertyoOdoo.Testing;
using CertyoOdoo.Web.Hosting;
using CertyoOdoo.Web.Ledger;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Tests;

/// <summary>A migrated ledger on SQLite (temp file) or PostgreSQL (a fresh database on the test server).</summary>
internal sealed class TestLedger : IAsyncDisposable
{
    private readonly string? _dir;

    private TestLedger(LedgerDatabase database, string? dir)
    {
        Database = database;
        _dir = dir;
        Store = new LedgerStore(database);
        Inbox = new NotificationInbox(database, Store);
    }

    public LedgerDatabase Database { get; }
    public LedgerStore Store { get; }
    public NotificationInbox Inbox { get; }

    public static async Task<TestLedger?> CreateAsync(string provider)
    {
        StorageOptions options;
        string? dir = null;
        if (provider == "postgres")
        {
            if (TestPostgres.ServerConnectionString is null && !TestPostgres.Required)
            {
                return null; // no server provisioned (run through scripts/test.sh)
            }

            options = new StorageOptions { Provider = "postgres", ConnectionString = await TestPostgres.CreateDatabaseAsync("ledger") };
        }
        else
        {
            dir = Directory.CreateTempSubdirectory("certyo-ledger-").FullName;
            options = new StorageOptions { Provider = "sqlite", SqlitePath = Path.Combine(dir, "ledger.db") };
        }

        var database = new LedgerDatabase(Options.Create(options), new HostingEnvironment { ContentRootPath = dir ?? Path.GetTempPath() });
        await new LedgerMigrations(database, NullLogger<LedgerMigrations>.Instance).MigrateAsync(CancellationToken.None);
        return new TestLedger(database, dir);
    }

    /// <summary>A stock.picking row of tenant acme taken through ingest: claimed, ingested (version 1), released.</summary>
    public async Task<LedgerRow> IngestedRowAsync(int odooId, DateTimeOffset at, DateTimeOffset verifyDue)
    {
        await Store.RecordNotificationsAsync("acme", "stock.picking", [odooId], "test", at, default);
        var row = (await Store.ClaimIngestAsync("acme", "stock.picking", 10, "ingest", at, at.AddMinutes(5), default)).Single(r => r.OdooId == odooId);
        row.StatusValue = LedgerStatus.Ingested;
        row.Version = 1;
        row.VerifyDueAt = LedgerRow.Ms(verifyDue);
        await Store.CompleteAsync([new LedgerChange(row, "pending", "ok")], "ingest", at, readFromOdoo: true, default);
        return row;
    }

    public async ValueTask DisposeAsync()
    {
        await Inbox.DisposeAsync();
        await Database.DisposeAsync();
        if (_dir is not null)
        {
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
}
