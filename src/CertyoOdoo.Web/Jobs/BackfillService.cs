using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Tenants;
using Dapper;
using Hangfire;

namespace CertyoOdoo.Web.Jobs;

/// <summary>Backfills kept in the ledger database and run one page per job (<see cref="IBackfillService"/>).</summary>
internal sealed class BackfillService(LedgerDatabase database, TenantRegistry tenants, IBackgroundJobClient jobs, TimeProvider time) : IBackfillService
{
    // A backfill with its items counted by where their ledger rows stand now: one statement, one round trip.
    // A row marked for recheck is still to go whatever its status.
    private static string Select(string items) =>
        "SELECT b.id, b.tenant, b.model, b.from_at, b.to_at, b.state, b.cursor_date, b.cursor_id, b.batches, b.found, b.queued, b.last_error, " +
        "b.created_at, b.updated_at, b.finished_at, COALESCE(p.items, 0) AS items, COALESCE(p.pending, 0) AS pending, " +
        "COALESCE(p.ingested, 0) AS ingested, COALESCE(p.anchored, 0) AS anchored, COALESCE(p.skipped, 0) AS skipped, COALESCE(p.dead, 0) AS dead " +
        "FROM ledger_backfills b LEFT JOIN (SELECT i.backfill_id, COUNT(*) AS items, " +
        "SUM(CASE WHEN r.recheck > 0 OR r.status IN ('pending', 'failed') THEN 1 ELSE 0 END) AS pending, " +
        "SUM(CASE WHEN r.recheck = 0 AND r.status = 'ingested' THEN 1 ELSE 0 END) AS ingested, " +
        "SUM(CASE WHEN r.recheck = 0 AND r.status = 'anchored' THEN 1 ELSE 0 END) AS anchored, " +
        "SUM(CASE WHEN r.recheck = 0 AND r.status = 'skipped' THEN 1 ELSE 0 END) AS skipped, " +
        "SUM(CASE WHEN r.recheck = 0 AND r.status = 'dead' THEN 1 ELSE 0 END) AS dead " +
        "FROM ledger_backfill_items i JOIN ledger_records r ON r.id = i.entry_id WHERE " + items + " GROUP BY i.backfill_id) p ON p.backfill_id = b.id ";

    public async Task<BackfillRun> StartAsync(string tenant, string model, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var name = tenants.ResolveModel(tenant, model);
        if (to <= from)
        {
            throw new ArgumentException("The range is empty: 'to' must be after 'from'.", nameof(to));
        }

        var now = LedgerRow.Ms(time.GetUtcNow());
        var id = await database.WriteAsync(
            (c, tx) => c.ExecuteScalarAsync<long>(
                "INSERT INTO ledger_backfills (tenant, model, from_at, to_at, state, created_at, updated_at) " +
                "VALUES (@name, @model, @from, @to, 'running', @now, @now) RETURNING id",
                new { name, model, from = LedgerRow.Ms(from), to = LedgerRow.Ms(to), now }, tx),
            cancellationToken);
        jobs.Enqueue<BackfillJob>(j => j.RunAsync(id, CancellationToken.None));
        return (await GetAsync(id, cancellationToken))!;
    }

    public async Task<BackfillRun?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<BackfillRow>(
            Select("i.backfill_id = @id") + "WHERE b.id = @id", new { id });
        return row?.ToRun();
    }

    public async Task<IReadOnlyList<BackfillRun>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        const string Recent = "(SELECT id FROM ledger_backfills ORDER BY id DESC LIMIT @limit)";
        var rows = await connection.QueryAsync<BackfillRow>(
            Select("i.backfill_id IN " + Recent) + "WHERE b.id IN " + Recent + " ORDER BY b.id DESC",
            new { limit = Math.Clamp(limit, 1, 500) });
        return [.. rows.Select(r => r.ToRun())];
    }
}

/// <summary>A ledger_backfills row.</summary>
internal sealed class BackfillRow
{
    public long Id { get; set; }
    public string Tenant { get; set; } = "";
    public string Model { get; set; } = "";
    public long FromAt { get; set; }
    public long ToAt { get; set; }
    public string State { get; set; } = "";
    public long? CursorDate { get; set; }
    public int? CursorId { get; set; }
    public int Batches { get; set; }
    public int Found { get; set; }
    public int Queued { get; set; }
    public string? LastError { get; set; }
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
    public long? FinishedAt { get; set; }
    public long Items { get; set; }
    public long Pending { get; set; }
    public long Ingested { get; set; }
    public long Anchored { get; set; }
    public long Skipped { get; set; }
    public long Dead { get; set; }

    /// <summary>
    /// Found counts distinct records (items); a backfill started before items were kept (schema V003) has
    /// none, and falls back to the page counter.
    /// </summary>
    public BackfillRun ToRun() => new(
        Id, Tenant, Model, LedgerRow.Time(FromAt)!.Value, LedgerRow.Time(ToAt)!.Value, State, Batches, Items > 0 ? (int)Items : Found, Queued, LastError,
        LedgerRow.Time(CreatedAt)!.Value, LedgerRow.Time(UpdatedAt)!.Value, LedgerRow.Time(FinishedAt),
        new BackfillProgress((int)Pending, (int)Ingested, (int)Anchored, (int)Skipped, (int)Dead));
}
