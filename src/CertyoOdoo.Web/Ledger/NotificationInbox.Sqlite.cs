using Dapper;
using Microsoft.Data.Sqlite;

namespace CertyoOdoo.Web.Ledger;

/// <summary>
/// SQLite: the inbox is a file of its own (<c>*.inbox.db</c> next to the ledger), with its own write lock,
/// so an append never queues behind a job's ledger transaction. Writes are fsynced (synchronous=FULL).
/// </summary>
internal sealed partial class NotificationInbox
{
    private const string CreateSql =
        "PRAGMA journal_mode=WAL; " +
        "CREATE TABLE IF NOT EXISTS inbox (id INTEGER PRIMARY KEY AUTOINCREMENT, tenant TEXT NOT NULL, model TEXT NOT NULL, " +
        "odoo_id INTEGER NOT NULL, source TEXT NOT NULL, received_at INTEGER NOT NULL);";

    private readonly SemaphoreSlim _sqliteGate = new(1, 1);
    private readonly string? _sqlite;
    private bool _sqliteCreated;

    /// <summary>The inbox file of a ledger file: <c>ledger.db</c> → <c>ledger.inbox.db</c>.</summary>
    public static string SqliteInboxPath(string ledgerPath) => Path.ChangeExtension(ledgerPath, ".inbox.db");

    private static string SqliteInbox(string ledgerPath) =>
        new SqliteConnectionStringBuilder { DataSource = SqliteInboxPath(ledgerPath), Pooling = true, DefaultTimeout = 30 }.ToString();

    private async Task<SqliteConnection> OpenSqliteAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = (_sqliteCreated ? "" : CreateSql) + "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        _sqliteCreated = true;
        return connection;
    }

    private async Task WriteSqliteAsync(List<PendingAppend> batch)
    {
        await _sqliteGate.WaitAsync();
        try
        {
            await using var connection = await OpenSqliteAsync(CancellationToken.None);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO inbox (tenant, model, odoo_id, source, received_at) VALUES ($t, $m, $i, $s, $a)";
            var t = insert.Parameters.Add("$t", SqliteType.Text);
            var m = insert.Parameters.Add("$m", SqliteType.Text);
            var i = insert.Parameters.Add("$i", SqliteType.Integer);
            var s = insert.Parameters.Add("$s", SqliteType.Text);
            var a = insert.Parameters.Add("$a", SqliteType.Integer);
            foreach (var append in batch)
            {
                foreach (var id in append.OdooIds)
                {
                    (t.Value, m.Value, i.Value, s.Value, a.Value) = (append.Tenant, append.Model, id, append.Source, append.At);
                    await insert.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
        }
        finally
        {
            _sqliteGate.Release();
        }
    }

    private async Task<InboxFold> FoldSqliteAsync(int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<InboxEntry> entries;
        await using (var connection = await OpenSqliteAsync(cancellationToken))
        {
            var rows = await connection.QueryAsync<(long Id, string Tenant, string Model, long OdooId, string Source, long ReceivedAt)>(new CommandDefinition(
                "SELECT id, tenant, model, odoo_id, source, received_at FROM inbox ORDER BY id LIMIT @limit",
                new { limit }, cancellationToken: cancellationToken));
            entries = [.. rows.Select(r => new InboxEntry(r.Id, r.Tenant, r.Model, (int)r.OdooId, r.Source, r.ReceivedAt))];
        }

        if (entries.Count == 0)
        {
            return new InboxFold(0, []);
        }

        // Ledger first (durable), inbox second: a crash in between folds the same entries again.
        var touched = await _store.ApplyInboxAsync(entries, now, cancellationToken);
        await _sqliteGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenSqliteAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM inbox WHERE id <= @last", new { last = entries[^1].Id }, cancellationToken: cancellationToken));
        }
        finally
        {
            _sqliteGate.Release();
        }

        return new InboxFold(entries.Count, touched);
    }

    private async Task<long> CountSqliteAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenSqliteAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM inbox", cancellationToken: cancellationToken));
    }
}
