using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace CertyoOdoo.Web.Ledger;

/// <summary>PostgreSQL: the <c>ledger_inbox</c> table, folded in one statement with the ledger.</summary>
internal sealed partial class NotificationInbox
{
    // Deletes a slice of the inbox and applies it, atomically: the sub-statements share one snapshot, so
    // the UPDATE does not see rows the INSERT adds (a new row needs no recheck). SKIP LOCKED lets other
    // instances fold other entries meanwhile.
    private const string FoldSql = """
        WITH taken AS (
            DELETE FROM ledger_inbox WHERE id IN (SELECT id FROM ledger_inbox ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED)
            RETURNING tenant, model, odoo_id, source, received_at),
        keys AS (
            SELECT tenant, model, odoo_id, MIN(received_at) AS first_at, MAX(received_at) AS last_at, MIN(source) AS source
            FROM taken GROUP BY tenant, model, odoo_id),
        inserted AS (
            INSERT INTO ledger_records (tenant, model, odoo_id, status, next_attempt_at, notified_at, created_at, updated_at)
            SELECT tenant, model, odoo_id, 'pending', first_at, last_at, first_at, first_at FROM keys ORDER BY tenant, model, odoo_id
            ON CONFLICT (tenant, model, odoo_id) DO NOTHING
            RETURNING id, tenant, model, odoo_id, created_at),
        history AS (
            INSERT INTO ledger_history (entry_id, at, from_status, to_status, detail)
            SELECT i.id, i.created_at, NULL, 'pending', k.source FROM inserted i JOIN keys k USING (tenant, model, odoo_id)),
        rechecked AS (
            UPDATE ledger_records r SET recheck = r.recheck + 1, notified_at = GREATEST(r.notified_at, k.last_at), updated_at = @now
            FROM keys k
            WHERE r.tenant = k.tenant AND r.model = k.model AND r.odoo_id = k.odoo_id AND (r.status <> 'pending' OR r.claim_token IS NOT NULL)
            RETURNING r.id)
        SELECT tenant, model, COUNT(*) AS entries FROM taken GROUP BY tenant, model
        """;

    private async Task WritePostgresAsync(List<PendingAppend> batch)
    {
        var count = batch.Sum(b => b.OdooIds.Count);
        var tenants = new string[count];
        var models = new string[count];
        var ids = new int[count];
        var sources = new string[count];
        var ats = new long[count];
        var i = 0;
        foreach (var append in batch)
        {
            foreach (var id in append.OdooIds)
            {
                (tenants[i], models[i], ids[i], sources[i], ats[i]) = (append.Tenant, append.Model, id, append.Source, append.At);
                i++;
            }
        }

        // One statement, one round trip, committed on its own: no lock to wait for, one WAL flush per group.
        await using var connection = (NpgsqlConnection)await _database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            "INSERT INTO ledger_inbox (tenant, model, odoo_id, source, received_at) SELECT * FROM unnest(@t, @m, @i, @s, @a)", connection);
        command.Parameters.Add(new NpgsqlParameter<string[]>("t", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = tenants });
        command.Parameters.Add(new NpgsqlParameter<string[]>("m", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = models });
        command.Parameters.Add(new NpgsqlParameter<int[]>("i", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<string[]>("s", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = sources });
        command.Parameters.Add(new NpgsqlParameter<long[]>("a", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = ats });
        await command.ExecuteNonQueryAsync();
    }

    private Task<InboxFold> FoldPostgresAsync(int limit, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.WriteAsync(
            async (connection, transaction) =>
            {
                var groups = (await connection.QueryAsync<(string Tenant, string Model, long Entries)>(
                    new CommandDefinition(FoldSql, new { limit, now = LedgerRow.Ms(now) }, transaction, cancellationToken: cancellationToken))).ToList();
                return new InboxFold((int)groups.Sum(g => g.Entries), [.. groups.Select(g => (g.Tenant, g.Model, (int)g.Entries))]);
            },
            cancellationToken);

    private async Task<long> CountPostgresAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM ledger_inbox", cancellationToken: cancellationToken));
    }
}
