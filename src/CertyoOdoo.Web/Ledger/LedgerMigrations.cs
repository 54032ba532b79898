using System.Data.Common;
using System.Reflection;
using Dapper;

namespace CertyoOdoo.Web.Ledger;

/// <summary>
/// Versioned, idempotent schema migrations (Ledger/Schema/{provider}/V###__name.sql, embedded).
/// Run at start, or as a deploy step with <c>--migrate</c>; the scripts are plain SQL a DBA can apply.
/// </summary>
internal sealed partial class LedgerMigrations(LedgerDatabase database, ILogger<LedgerMigrations> logger)
{
    private const long PostgresLockKey = 0x4345525459_4F44; // "CERTYOD": one migrator at a time across instances

    /// <summary>The migration scripts of a provider (<c>postgres</c> or <c>sqlite</c>), in order.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts(string provider)
    {
        var assembly = typeof(LedgerMigrations).Assembly;
        var prefix = $"{assembly.GetName().Name}.Ledger.Schema.{provider}.";
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Name: n[prefix.Length..^4], Sql: Read(assembly, n)))
            .Select(s => (int.Parse(s.Name[1..s.Name.IndexOf("__", StringComparison.Ordinal)]), s.Name, s.Sql))
            .OrderBy(s => s.Item1)];
    }

    /// <summary>Applies the scripts not applied yet. Returns the names applied now.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var provider = database.IsPostgres ? "postgres" : "sqlite";
        var applied = await database.WriteAsync(async (connection, transaction) =>
        {
            if (database.IsPostgres)
            {
                await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = PostgresLockKey }, transaction);
            }

            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS ledger_schema_versions (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                transaction: transaction);
            var done = (await connection.QueryAsync<int>("SELECT version FROM ledger_schema_versions", transaction: transaction)).ToHashSet();
            var now = new List<string>();
            foreach (var (version, name, sql) in Scripts(provider))
            {
                if (done.Contains(version))
                {
                    continue;
                }

                await Execute(connection, transaction, sql, cancellationToken);
                await connection.ExecuteAsync(
                    "INSERT INTO ledger_schema_versions (version, name, applied_at) VALUES (@version, @name, @at)",
                    new { version, name, at = DateTimeOffset.UtcNow.ToString("O") },
                    transaction);
                now.Add(name);
            }

            return now;
        }, cancellationToken);

        foreach (var name in applied)
        {
            LogApplied(logger, name, provider);
        }

        return applied;
    }

    private static async Task Execute(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ledger schema: applied {Name} ({Provider})")]
    private static partial void LogApplied(ILogger logger, string name, string provider);
}
