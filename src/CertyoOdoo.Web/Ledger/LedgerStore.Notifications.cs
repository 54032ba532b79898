using System.Data.Common;
using Dapper;

namespace CertyoOdoo.Web.Ledger;

/// <summary>Notifications reaching the ledger: folded from the inbox, or recorded directly (resync, backfill).</summary>
internal sealed partial class LedgerStore
{
    /// <summary>
    /// Inserts a pending row for each id not in the ledger. An existing row that was processed or is being
    /// processed gets one more recheck (the next ingest re-reads it); nothing else changes, so repeated
    /// notifications never send anything twice.
    /// </summary>
    public Task<NotificationOutcome> RecordNotificationsAsync(
        string tenant, string model, IReadOnlyCollection<int> odooIds, string source, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var inserted = 0;
            var rechecked = 0;
            foreach (var odooId in odooIds.Distinct())
            {
                var (i, r) = await RecordAsync(connection, transaction, tenant, model, odooId, source, LedgerRow.Ms(now), LedgerRow.Ms(now));
                inserted += i;
                rechecked += r;
            }

            return new NotificationOutcome(inserted, rechecked);
        }, cancellationToken);

    /// <summary>Applies inbox entries (SQLite's fold) in one transaction; returns the (tenant, model) pairs touched, with their entry counts.</summary>
    public Task<IReadOnlyCollection<(string Tenant, string Model, int Entries)>> ApplyInboxAsync(
        IReadOnlyList<NotificationInbox.InboxEntry> entries, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyCollection<(string Tenant, string Model, int Entries)>>(async (connection, transaction) =>
        {
            foreach (var group in entries.GroupBy(e => (e.Tenant, e.Model, e.OdooId)))
            {
                var first = group.First();
                await RecordAsync(connection, transaction, first.Tenant, first.Model, first.OdooId, first.Source, first.ReceivedAt, group.Max(e => e.ReceivedAt));
            }

            return [.. entries.GroupBy(e => (e.Tenant, e.Model)).Select(g => (g.Key.Tenant, g.Key.Model, g.Count()))];
        }, cancellationToken);

    private static async Task<(int Inserted, int Rechecked)> RecordAsync(
        DbConnection connection, DbTransaction transaction, string tenant, string model, int odooId, string source, long firstAt, long lastAt)
    {
        if (await InsertAsync(connection, transaction, tenant, model, odooId, source, firstAt))
        {
            return (1, 0);
        }

        // A pending row not claimed will be read anyway; one claimed or processed must be read again.
        var rechecked = await connection.ExecuteAsync(
            "UPDATE ledger_records SET recheck = recheck + 1, notified_at = CASE WHEN notified_at > @lastAt THEN notified_at ELSE @lastAt END, updated_at = @lastAt " +
            "WHERE tenant = @tenant AND model = @model AND odoo_id = @odooId AND (status <> 'pending' OR claim_token IS NOT NULL)",
            new { tenant, model, odooId, lastAt },
            transaction);
        return (0, rechecked);
    }
}
