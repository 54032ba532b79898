using CertyoOdoo.Odoo.Connector;
using Dapper;

namespace CertyoOdoo.Web.Ledger;

/// <summary>The reconcile job's (write_date, id) cursor per tenant and model.</summary>
internal sealed class LedgerCursors(LedgerDatabase database)
{
    public async Task<OdooRecordStamp?> GetAsync(string tenant, string model, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CursorRow>(
            "SELECT write_date, odoo_id FROM ledger_cursors WHERE tenant = @tenant AND model = @model", new { tenant, model });
        return row is null ? null : new OdooRecordStamp(row.OdooId, DateTimeOffset.FromUnixTimeMilliseconds(row.WriteDate).UtcDateTime);
    }

    public Task SetAsync(string tenant, string model, OdooRecordStamp stamp, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(
                "INSERT INTO ledger_cursors (tenant, model, write_date, odoo_id, updated_at) VALUES (@tenant, @model, @wd, @id, @now) " +
                "ON CONFLICT (tenant, model) DO UPDATE SET write_date = @wd, odoo_id = @id, updated_at = @now",
                new
                {
                    tenant, model, id = stamp.Id, now = LedgerRow.Ms(now),
                    wd = new DateTimeOffset(DateTime.SpecifyKind(stamp.WriteDate, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
                },
                transaction),
            cancellationToken);
}

internal sealed class CursorRow
{
    public long WriteDate { get; set; }
    public int OdooId { get; set; }
}
