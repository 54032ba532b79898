using System.Text;
using CertyoOdoo.Web.Jobs;
using CertyoOdoo.Web.Tenants;
using Dapper;

namespace CertyoOdoo.Web.Ledger;

/// <summary>The operators' side of the ledger (<see cref="ILedgerAdmin"/>).</summary>
internal sealed class LedgerAdmin(LedgerDatabase database, LedgerStore store, TenantRegistry tenants, IWorkSignal signal, TimeProvider time)
    : ILedgerAdmin
{
    public async Task<LedgerPage> ListAsync(LedgerQuery query, CancellationToken cancellationToken)
    {
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, LedgerQuery.MaxPageSize);
        var where = new StringBuilder("1 = 1");
        var column = query.DateField switch
        {
            LedgerDateField.Created => "created_at",
            LedgerDateField.Ingested => "ingested_at",
            LedgerDateField.Anchored => "anchored_at",
            _ => "updated_at",
        };
        if (query.Tenant is not null) { where.Append(" AND tenant = @Tenant"); }
        if (query.Model is not null) { where.Append(" AND model = @Model"); }
        if (query.Status is not null) { where.Append(" AND status = @Status"); }
        if (query.RecordId is not null) { where.Append(" AND record_id = @RecordId"); }
        if (query.From is not null) { where.Append(" AND ").Append(column).Append(" >= @From"); }
        if (query.To is not null) { where.Append(" AND ").Append(column).Append(" < @To"); }
        var args = new
        {
            query.Tenant, query.Model, Status = query.Status?.ToText(), query.RecordId,
            From = query.From is { } f ? LedgerRow.Ms(f) : 0, To = query.To is { } t ? LedgerRow.Ms(t) : 0,
            Limit = size, Offset = (long)(page - 1) * size,
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM ledger_records WHERE {where}", args);
        var rows = await connection.QueryAsync<LedgerRow>(
            $"SELECT {LedgerRow.Columns} FROM ledger_records WHERE {where} ORDER BY updated_at DESC, id DESC LIMIT @Limit OFFSET @Offset", args);
        return new LedgerPage([.. rows.Select(r => r.ToEntry())], total, page, size);
    }

    public async Task<LedgerEntryDetails?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LedgerRow>($"SELECT {LedgerRow.Columns} FROM ledger_records WHERE id = @id", new { id });
        if (row is null)
        {
            return null;
        }

        var history = await connection.QueryAsync<HistoryRow>(
            "SELECT id, entry_id, at, from_status, to_status, detail FROM ledger_history WHERE entry_id = @id ORDER BY id", new { id });
        return new LedgerEntryDetails(row.ToEntry(), [.. history.Select(h => h.ToEntry())]);
    }

    public async Task<LedgerEntry?> FindAsync(string tenant, string model, int odooId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LedgerRow>(
            $"SELECT {LedgerRow.Columns} FROM ledger_records WHERE tenant = @tenant AND model = @model AND odoo_id = @odooId",
            new { tenant, model, odooId });
        return row?.ToEntry();
    }

    public async Task<LedgerEntry> ResyncAsync(string tenant, string model, int odooId, CancellationToken cancellationToken)
    {
        var name = tenants.ResolveModel(tenant, model);
        var now = time.GetUtcNow();
        await store.RecordNotificationsAsync(name, model, [odooId], "resync requested", now, cancellationToken);
        // A pending row is due at once; make a failed one due now too.
        await database.WriteAsync(
            (c, tx) => c.ExecuteAsync(
                "UPDATE ledger_records SET next_attempt_at = @now WHERE tenant = @name AND model = @model AND odoo_id = @odooId AND status IN ('pending', 'failed')",
                new { name, model, odooId, now = LedgerRow.Ms(now) }, tx),
            cancellationToken);
        signal.Ingest(name, model);
        return (await FindAsync(name, model, odooId, cancellationToken))!;
    }

    public async Task<int> RetryAsync(RetryRequest request, CancellationToken cancellationToken)
    {
        var statuses = (request.Statuses is { Count: > 0 } s ? s : [LedgerStatus.Failed, LedgerStatus.Dead]).Select(x => x.ToText()).ToArray();
        var now = LedgerRow.Ms(time.GetUtcNow());
        // Dapper expands IN @list for SQLite; Npgsql takes the array as one parameter.
        var where = new StringBuilder(database.IsPostgres ? "status = ANY(@statuses)" : "status IN @statuses");
        if (request.Tenant is not null) { where.Append(" AND tenant = @Tenant"); }
        if (request.Model is not null) { where.Append(" AND model = @Model"); }
        if (request.Ids is { Count: > 0 }) { where.Append(database.IsPostgres ? " AND id = ANY(@Ids)" : " AND id IN @Ids"); }
        var args = new { statuses, request.Tenant, request.Model, Ids = request.Ids?.ToArray() ?? [], now };
        var changed = await database.WriteAsync(async (c, tx) =>
        {
            var rows = (await c.QueryAsync<(long Id, string Status, string Tenant, string Model)>(
                $"SELECT id, status, tenant, model FROM ledger_records WHERE {where}", args, tx)).ToList();
            foreach (var r in rows)
            {
                await c.ExecuteAsync(
                    "UPDATE ledger_records SET status = 'pending', attempts = 0, next_attempt_at = @now, claim_token = NULL, claim_expires = NULL, " +
                    "updated_at = @now WHERE id = @Id", new { r.Id, now }, tx);
                await c.ExecuteAsync(
                    "INSERT INTO ledger_history (entry_id, at, from_status, to_status, detail) VALUES (@Id, @now, @Status, 'pending', 'retry requested')",
                    new { r.Id, now, r.Status }, tx);
            }

            return rows;
        }, cancellationToken);
        foreach (var (tenant, model) in changed.Select(r => (r.Tenant, r.Model)).Distinct())
        {
            signal.Ingest(tenant, model);
        }

        return changed.Count;
    }

    public async Task<bool> VerifyNowAsync(long id, CancellationToken cancellationToken)
    {
        var now = LedgerRow.Ms(time.GetUtcNow());
        var tenant = await database.WriteAsync(
            (c, tx) => c.QuerySingleOrDefaultAsync<string?>(
                "UPDATE ledger_records SET verify_due_at = @now, updated_at = @now WHERE id = @id AND status = 'ingested' RETURNING tenant",
                new { id, now }, tx),
            cancellationToken);
        if (tenant is not null)
        {
            signal.Verify(tenant);
        }

        return tenant is not null;
    }

    public async Task<IReadOnlyDictionary<LedgerStatus, long>> CountByStatusAsync(string? tenant, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Status, long Count)>(
            tenant is null ? "SELECT status, COUNT(*) FROM ledger_records GROUP BY status" : "SELECT status, COUNT(*) FROM ledger_records WHERE tenant = @tenant GROUP BY status", new { tenant });
        var counts = Enum.GetValues<LedgerStatus>().ToDictionary(s => s, _ => 0L);
        foreach (var (status, count) in rows)
        {
            counts[LedgerStatusText.Parse(status)] = count;
        }

        return counts;
    }

    private sealed class HistoryRow
    {
        public long Id { get; set; }
        public long EntryId { get; set; }
        public long At { get; set; }
        public string? FromStatus { get; set; }
        public string ToStatus { get; set; } = "";
        public string? Detail { get; set; }

        public LedgerHistoryEntry ToEntry() => new(
            Id, EntryId, DateTimeOffset.FromUnixTimeMilliseconds(At),
            FromStatus is null ? null : LedgerStatusText.Parse(FromStatus), LedgerStatusText.Parse(ToStatus), Detail);
    }
}
