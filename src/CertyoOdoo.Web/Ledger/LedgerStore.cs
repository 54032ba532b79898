using System.Data.Common;
using Dapper;

namespace CertyoOdoo.Web.Ledger;

/// <summary>
/// The jobs' side of the ledger: recording notifications, claiming work with a lease, completing it.
/// Claims are guarded updates (FOR UPDATE SKIP LOCKED on PostgreSQL), so two workers or two instances
/// never hold the same row; completion only applies while the claim token still matches.
/// </summary>
internal sealed partial class LedgerStore(LedgerDatabase database)
{
    static LedgerStore() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    private const string IngestDue =
        "(claim_expires IS NULL OR claim_expires < @now) AND (" +
        "(status IN ('pending', 'failed') AND next_attempt_at <= @now) OR recheck > 0 " +
        "OR (claim_token IS NOT NULL AND status <> 'ingested'))";

    private const string VerifyDue =
        "status = 'ingested' AND verify_due_at <= @now AND (claim_expires IS NULL OR claim_expires < @now)";

    public LedgerDatabase Database => database;

    /// <summary>Inserts pending rows for ids not in the ledger; existing rows are left alone. Returns how many were new.</summary>
    public Task<int> InsertIfAbsentAsync(
        string tenant, string model, IReadOnlyCollection<int> odooIds, string source, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var inserted = 0;
            foreach (var odooId in odooIds.Distinct())
            {
                inserted += await InsertAsync(connection, transaction, tenant, model, odooId, source, LedgerRow.Ms(now)) ? 1 : 0;
            }

            return inserted;
        }, cancellationToken);

    private static async Task<bool> InsertAsync(
        DbConnection connection, DbTransaction transaction, string tenant, string model, int odooId, string source, long at)
    {
        var id = await connection.ExecuteScalarAsync<long?>(
            "INSERT INTO ledger_records (tenant, model, odoo_id, status, next_attempt_at, notified_at, created_at, updated_at) " +
            "VALUES (@tenant, @model, @odooId, 'pending', @at, @at, @at, @at) " +
            "ON CONFLICT (tenant, model, odoo_id) DO NOTHING RETURNING id",
            new { tenant, model, odooId, at },
            transaction);
        if (id is null)
        {
            return false;
        }

        await connection.ExecuteAsync(
            "INSERT INTO ledger_history (entry_id, at, from_status, to_status, detail) VALUES (@id, @at, NULL, 'pending', @source)",
            new { id, at, source },
            transaction);
        return true;
    }

    /// <summary>Claims up to <paramref name="limit"/> rows due for ingest (pending, failed and due, rechecks, lost claims).</summary>
    public Task<IReadOnlyList<LedgerRow>> ClaimIngestAsync(
        string tenant, string model, int limit, string token, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        ClaimAsync("tenant = @tenant AND model = @model AND " + IngestDue, "COALESCE(next_attempt_at, 0), id",
            new { tenant, model, limit, token, now = LedgerRow.Ms(now), until = LedgerRow.Ms(leaseUntil) }, cancellationToken);

    /// <summary>Claims up to <paramref name="limit"/> ingested rows whose verification is due.</summary>
    public Task<IReadOnlyList<LedgerRow>> ClaimVerifyAsync(
        string tenant, int limit, string token, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        ClaimAsync("tenant = @tenant AND " + VerifyDue, "verify_due_at, id",
            new { tenant, limit, token, now = LedgerRow.Ms(now), until = LedgerRow.Ms(leaseUntil) }, cancellationToken);

    private Task<IReadOnlyList<LedgerRow>> ClaimAsync(string where, string order, object args, CancellationToken cancellationToken)
    {
        // The outer WHERE repeats the predicate: under READ COMMITTED a row another worker changed is re-checked.
        // recheck is left as it is: the claimed copy carries the count, and only a completed ingest subtracts it.
        var lockClause = database.IsPostgres ? " FOR UPDATE SKIP LOCKED" : "";
        var sql =
            $"UPDATE ledger_records SET claim_token = @token, claim_expires = @until " +
            $"WHERE id IN (SELECT id FROM ledger_records WHERE {where} ORDER BY {order} LIMIT @limit{lockClause}) AND {where} " +
            $"RETURNING {LedgerRow.Columns}";
        return database.WriteAsync<IReadOnlyList<LedgerRow>>(
            async (connection, transaction) => [.. (await connection.QueryAsync<LedgerRow>(sql, args, transaction)).OrderBy(r => r.Id)],
            cancellationToken);
    }

    /// <summary>
    /// Stores the new state of claimed rows and releases them; rows whose claim was lost (lease expired
    /// and taken by another worker) are left as they are. Returns how many were stored.
    /// <paramref name="readFromOdoo"/>: the job re-read these rows, so the rechecks counted at claim time
    /// are done (those that came in since stay).
    /// </summary>
    public Task<int> CompleteAsync(IReadOnlyList<LedgerChange> changes, string token, DateTimeOffset now, bool readFromOdoo, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return Task.FromResult(0);
        }

        return CompleteChunksAsync(changes, token, LedgerRow.Ms(now), readFromOdoo, cancellationToken);
    }

    private async Task<int> CompleteChunksAsync(IReadOnlyList<LedgerChange> changes, string token, long at, bool readFromOdoo, CancellationToken cancellationToken)
    {
        var stored = 0;
        // Short transactions: on SQLite, webhooks waiting for the write lock get their turn between chunks.
        foreach (var chunk in changes.Chunk(database.IsPostgres ? 100 : 25))
        {
            stored += await database.WriteAsync(
                (connection, transaction) => database.IsPostgres
                    ? CompletePostgresChunkAsync(connection, transaction, chunk, token, at, readFromOdoo)
                    : CompleteChunkAsync(connection, transaction, chunk, token, at, readFromOdoo),
                cancellationToken);
        }

        return stored;
    }

    private static async Task<int> CompleteChunkAsync(DbConnection connection, DbTransaction transaction, LedgerChange[] changes, string token, long at, bool readFromOdoo)
    {
        var stored = 0;
        foreach (var (row, from, detail) in changes)
        {
            row.UpdatedAt = at;
            var n = await connection.ExecuteAsync(
                "UPDATE ledger_records SET record_id = @RecordId, status = @Status, version = @Version, payload_hash = @PayloadHash, " +
                "record_hash = @RecordHash, idempotency_key = @IdempotencyKey, attempts = @Attempts, last_error = @LastError, " +
                "next_attempt_at = @NextAttemptAt, odoo_status = @OdooStatus, odoo_status_due = @OdooStatusDue, updated_at = @UpdatedAt, ingested_at = @IngestedAt, " +
                "anchored_at = @AnchoredAt, verify_due_at = @VerifyDueAt, verify_attempts = @VerifyAttempts, merkle_root = @MerkleRoot, " +
                "recheck = CASE WHEN recheck > @Seen THEN recheck - @Seen ELSE 0 END, " +
                "claim_token = NULL, claim_expires = NULL WHERE id = @Id AND claim_token = @Token",
                new
                {
                    Seen = readFromOdoo ? row.Recheck : 0,
                    row.RecordId, row.Status, row.Version, row.PayloadHash, row.RecordHash, row.IdempotencyKey, row.Attempts,
                    row.LastError, row.NextAttemptAt, row.OdooStatus, row.OdooStatusDue, row.UpdatedAt, row.IngestedAt, row.AnchoredAt,
                    row.VerifyDueAt, row.VerifyAttempts, row.MerkleRoot, row.Id, Token = token,
                },
                transaction);
            stored += n;
            if (n == 1 && (from != row.Status || detail is not null))
            {
                await connection.ExecuteAsync(
                    "INSERT INTO ledger_history (entry_id, at, from_status, to_status, detail) VALUES (@Id, @at, @from, @to, @detail)",
                    new { row.Id, at, from, to = row.Status, detail },
                    transaction);
            }
        }

        return stored;
    }

    /// <summary>
    /// PostgreSQL: the whole chunk in one round trip, each row's update and its history entry in one
    /// statement (a data-modifying CTE), each answering whether the claim still held.
    /// </summary>
    private static async Task<int> CompletePostgresChunkAsync(DbConnection connection, DbTransaction transaction, LedgerChange[] changes, string token, long at, bool readFromOdoo)
    {
        var sql = new System.Text.StringBuilder();
        var args = new DynamicParameters();
        args.Add("token", token);
        args.Add("at", at);
        for (var i = 0; i < changes.Length; i++)
        {
            var (row, from, detail) = changes[i];
            row.UpdatedAt = at;
            sql.Append(
                $"WITH u AS (UPDATE ledger_records SET record_id = @RecordId{i}, status = @Status{i}, version = @Version{i}, payload_hash = @PayloadHash{i}, " +
                $"record_hash = @RecordHash{i}, idempotency_key = @IdempotencyKey{i}, attempts = @Attempts{i}, last_error = @LastError{i}, " +
                $"next_attempt_at = @NextAttemptAt{i}, odoo_status = @OdooStatus{i}, odoo_status_due = @OdooStatusDue{i}, updated_at = @at, " +
                $"ingested_at = @IngestedAt{i}, anchored_at = @AnchoredAt{i}, verify_due_at = @VerifyDueAt{i}, verify_attempts = @VerifyAttempts{i}, " +
                $"merkle_root = @MerkleRoot{i}, recheck = GREATEST(recheck - @Seen{i}, 0), " +
                $"claim_token = NULL, claim_expires = NULL WHERE id = @Id{i} AND claim_token = @token RETURNING id), " +
                $"h AS (INSERT INTO ledger_history (entry_id, at, from_status, to_status, detail) " +
                $"SELECT id, @at, @From{i}, @Status{i}, @Detail{i} FROM u WHERE @History{i}) SELECT COUNT(*) FROM u;");
            args.Add($"RecordId{i}", row.RecordId);
            args.Add($"Status{i}", row.Status);
            args.Add($"Version{i}", row.Version);
            args.Add($"PayloadHash{i}", row.PayloadHash);
            args.Add($"RecordHash{i}", row.RecordHash);
            args.Add($"IdempotencyKey{i}", row.IdempotencyKey);
            args.Add($"Attempts{i}", row.Attempts);
            args.Add($"LastError{i}", row.LastError);
            args.Add($"NextAttemptAt{i}", row.NextAttemptAt, System.Data.DbType.Int64);
            args.Add($"OdooStatus{i}", row.OdooStatus, System.Data.DbType.String);
            args.Add($"OdooStatusDue{i}", row.OdooStatusDue, System.Data.DbType.String);
            args.Add($"IngestedAt{i}", row.IngestedAt, System.Data.DbType.Int64);
            args.Add($"AnchoredAt{i}", row.AnchoredAt, System.Data.DbType.Int64);
            args.Add($"VerifyDueAt{i}", row.VerifyDueAt, System.Data.DbType.Int64);
            args.Add($"VerifyAttempts{i}", row.VerifyAttempts);
            args.Add($"MerkleRoot{i}", row.MerkleRoot, System.Data.DbType.String);
            args.Add($"Id{i}", row.Id);
            args.Add($"Seen{i}", readFromOdoo ? row.Recheck : 0);
            args.Add($"From{i}", from, System.Data.DbType.String);
            args.Add($"Detail{i}", detail, System.Data.DbType.String);
            args.Add($"History{i}", from != row.Status || detail is not null);
        }

        var stored = 0;
        using var results = await connection.QueryMultipleAsync(sql.ToString(), args, transaction);
        for (var i = 0; i < changes.Length; i++)
        {
            stored += (int)await results.ReadSingleAsync<long>();
        }

        return stored;
    }

    /// <summary>Releases claims without changing anything else (a job that could not do its work).</summary>
    public Task<int> ReleaseAsync(IReadOnlyCollection<long> ids, string token, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? Task.FromResult(0)
            : database.WriteAsync(
                (connection, transaction) => connection.ExecuteAsync(
                    "UPDATE ledger_records SET claim_token = NULL, claim_expires = NULL WHERE id = @id AND claim_token = @token",
                    ids.Select(id => new { id, token }), transaction),
                cancellationToken);

    /// <summary>Records that Odoo now shows <c>status</c> (only where that is still the status due).</summary>
    public Task<int> MarkWrittenBackAsync(IReadOnlyList<(long Id, string Status)> written, CancellationToken cancellationToken) =>
        written.Count == 0
            ? Task.FromResult(0)
            : database.WriteAsync(
                (connection, transaction) => connection.ExecuteAsync(
                    "UPDATE ledger_records SET odoo_status = @Status, odoo_status_due = NULL WHERE id = @Id AND odoo_status_due = @Status",
                    written.Select(w => new { w.Id, w.Status }), transaction),
                cancellationToken);

    /// <summary>Rows whose Odoo status write is overdue (a write-back that failed or was interrupted).</summary>
    public async Task<IReadOnlyList<LedgerRow>> FindWriteBacksAsync(string tenant, DateTimeOffset updatedBefore, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<LedgerRow>(
            $"SELECT {LedgerRow.Columns} FROM ledger_records WHERE tenant = @tenant AND odoo_status_due IS NOT NULL " +
            "AND claim_token IS NULL AND updated_at <= @before ORDER BY id LIMIT @limit",
            new { tenant, before = LedgerRow.Ms(updatedBefore), limit })];
    }

    /// <summary>Tenants and models with work due now (the sweeper's question).</summary>
    public async Task<IReadOnlyList<DueWork>> FindDueWorkAsync(DateTimeOffset now, DateTimeOffset writeBackBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var args = new { now = LedgerRow.Ms(now), before = LedgerRow.Ms(writeBackBefore) };
        // Separate queries: SQLite gives literal columns of a UNION no usable type.
        var ingest = await connection.QueryAsync<(string Tenant, string Model)>(
            $"SELECT DISTINCT tenant, model FROM ledger_records WHERE {IngestDue}", args);
        var verify = await connection.QueryAsync<string>(
            $"SELECT DISTINCT tenant FROM ledger_records WHERE {VerifyDue} " +
            "UNION SELECT DISTINCT tenant FROM ledger_records WHERE odoo_status_due IS NOT NULL AND claim_token IS NULL AND updated_at <= @before",
            args);
        return [.. ingest.Select(w => new DueWork(w.Tenant, w.Model, DueWork.Ingest)), .. verify.Select(t => new DueWork(t, "", DueWork.Verify))];
    }

    /// <summary>The earliest future time something becomes due (retries, verifications, lease ends), if any.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var next = await connection.ExecuteScalarAsync<long?>(
            "SELECT MIN(t) FROM (" +
            "SELECT MIN(next_attempt_at) AS t FROM ledger_records WHERE status IN ('pending', 'failed') AND next_attempt_at > @now " +
            "UNION ALL SELECT MIN(verify_due_at) FROM ledger_records WHERE status = 'ingested' AND verify_due_at > @now " +
            "UNION ALL SELECT MIN(claim_expires) FROM ledger_records WHERE claim_expires > @now) AS due",
            new { now = LedgerRow.Ms(now) });
        return LedgerRow.Time(next);
    }

    /// <summary>Counts by tenant and status, and the oldest row not yet ingested (for the gauges).</summary>
    public async Task<Hosting.LedgerSnapshot> SnapshotAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Tuples, not the record: SQLite reports no column types before the first row.
        var counts = (await connection.QueryAsync<(string Tenant, string Status, long Count)>(
            "SELECT tenant, status, COUNT(*) AS count FROM ledger_records GROUP BY tenant, status"))
            .Select(c => new Hosting.StatusCount(c.Tenant, c.Status, c.Count));
        var oldest = await connection.ExecuteScalarAsync<long?>(
            "SELECT MIN(created_at) FROM ledger_records WHERE status IN ('pending', 'failed')");
        return new Hosting.LedgerSnapshot([.. counts], oldest is { } o ? now - DateTimeOffset.FromUnixTimeMilliseconds(o) : null);
    }
}
