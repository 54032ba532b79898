using System.Data.Common;
using System.Threading.Channels;
using Dapper;

namespace CertyoOdoo.Web.Ledger;

/// <summary>Recording notifications: the intake's one write, with group commit on SQLite.</summary>
internal sealed partial class LedgerStore
{
    private const int MaxGroupCommit = 256;
    private readonly Channel<PendingNotification> _notifications = Channel.CreateUnbounded<PendingNotification>(new() { SingleReader = true });
    private Task? _writer;

    /// <summary>
    /// Inserts a pending row for each id not in the ledger; an existing row that is not pending only
    /// gets its recheck mark (repeated notifications change nothing else). On SQLite, concurrent callers
    /// share one transaction (group commit): the answer comes once the batch holding this call is committed.
    /// </summary>
    public Task<NotificationOutcome> RecordNotificationsAsync(
        string tenant, string model, IReadOnlyCollection<int> odooIds, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = new PendingNotification(tenant, model, odooIds, source, now);
        if (database.IsPostgres)
        {
            // PostgreSQL runs concurrent transactions side by side: one per call beats a serial writer.
            return database.WriteAsync((connection, transaction) => RecordAsync(connection, transaction, pending), cancellationToken);
        }

        if (!_notifications.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The notification writer is closed.");
        }

        EnsureWriter();
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private void EnsureWriter()
    {
        if (_writer is null)
        {
            lock (_notifications)
            {
                _writer ??= Task.Run(WriteNotificationsAsync);
            }
        }
    }

    private async Task WriteNotificationsAsync()
    {
        var batch = new List<PendingNotification>(MaxGroupCommit);
        while (await _notifications.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxGroupCommit && _notifications.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                var outcomes = await database.WriteAsync(async (connection, transaction) =>
                {
                    var results = new NotificationOutcome[batch.Count];
                    for (var i = 0; i < batch.Count; i++)
                    {
                        results[i] = await RecordAsync(connection, transaction, batch[i]);
                    }

                    return results;
                }, CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(outcomes[i]);
                }
            }
            catch (Exception ex)
            {
                foreach (var item in batch)
                {
                    item.Completion.TrySetException(ex);
                }
            }
        }
    }

    private static async Task<NotificationOutcome> RecordAsync(DbConnection connection, DbTransaction transaction, PendingNotification n)
    {
        var inserted = 0;
        var rechecked = 0;
        foreach (var odooId in n.OdooIds.Distinct())
        {
            if (await InsertAsync(connection, transaction, n.Tenant, n.Model, odooId, n.Source, n.Now))
            {
                inserted++;
                continue;
            }

            rechecked += await connection.ExecuteAsync(
                "UPDATE ledger_records SET recheck = 1, notified_at = @now, updated_at = @now " +
                "WHERE tenant = @Tenant AND model = @Model AND odoo_id = @odooId AND status <> 'pending' AND recheck = 0",
                new { n.Tenant, n.Model, odooId, now = LedgerRow.Ms(n.Now) },
                transaction);
        }

        return new NotificationOutcome(inserted, rechecked);
    }

    private sealed record PendingNotification(string Tenant, string Model, IReadOnlyCollection<int> OdooIds, string Source, DateTimeOffset Now)
    {
        public TaskCompletionSource<NotificationOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
