using System.Data.Common;
using CertyoOdoo.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CertyoOdoo.Web.Ledger;

/// <summary>
/// Opens ledger connections for the configured provider. On SQLite every write goes through one
/// in-process gate: one writer at a time is what SQLite allows anyway, and queueing here is fair
/// and fast where SQLite's busy handler would sleep.
/// </summary>
internal sealed class LedgerDatabase : IAsyncDisposable
{
    private readonly SemaphoreSlim _sqliteWriteGate = new(1, 1);
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;

    public LedgerDatabase(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        var o = options.Value;
        IsPostgres = o.IsPostgres;
        if (IsPostgres)
        {
            _postgres = NpgsqlDataSource.Create(o.ConnectionString!);
        }
        else
        {
            var path = Path.IsPathRooted(o.SqlitePath) ? o.SqlitePath : Path.Combine(environment.ContentRootPath, o.SqlitePath);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            _sqlite = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
            SqlitePath = path;
        }
    }

    public bool IsPostgres { get; }

    /// <summary>The SQLite file, when the provider is SQLite.</summary>
    public string? SqlitePath { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        // WAL is persistent in the file; busy_timeout and synchronous are per connection. FULL: a commit
        // is on disk when it returns (the inbox fold deletes what it folded only after that), at ~0.3 ms a commit.
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in a transaction (on SQLite, behind the write gate).</summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        if (!IsPostgres)
        {
            await _sqliteWriteGate.WaitAsync(cancellationToken);
        }

        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            if (!IsPostgres)
            {
                _sqliteWriteGate.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        _sqliteWriteGate.Dispose();
    }
}
