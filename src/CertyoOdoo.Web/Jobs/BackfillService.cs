using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Tenants;
using Dapper;
using Hangfire;

namespace CertyoOdoo.Web.Jobs;

/// <summary>Backfills kept in the ledger database and run one page per job (<see cref="IBackfillService"/>).</summary>
internal sealed class BackfillService(LedgerDatabase database, TenantRegistry tenants, IBackgroundJobClient jobs, TimeProvider time) : IBackfillService
{
    private const string Columns =
        "id, tenant, model, from_at, to_at, state, cursor_date, cursor_id, batches, found, queued, last_error, created_at, updated_at, finished_at";

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
        var row = await connection.QuerySingleOrDefaultAsync<BackfillRow>($"SELECT {Columns} FROM ledger_backfills WHERE id = @id", new { id });
        return row?.ToRun();
    }

    public async Task<IReadOnlyList<BackfillRun>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<BackfillRow>(
            $"SELECT {Columns} FROM ledger_backfills ORDER BY id DESC LIMIT @limit", new { limit = Math.Clamp(limit, 1, 500) });
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

    public BackfillRun ToRun() => new(
        Id, Tenant, Model, LedgerRow.Time(FromAt)!.Value, LedgerRow.Time(ToAt)!.Value, State, Batches, Found, Queued, LastError,
        LedgerRow.Time(CreatedAt)!.Value, LedgerRow.Time(UpdatedAt)!.Value, LedgerRow.Time(FinishedAt));
}
