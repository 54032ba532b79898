using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Store;
using CertyoOdoo.Sandbox.Odoo.Webhooks;

namespace CertyoOdoo.Sandbox.Odoo.Rpc;

/// <summary>
/// Runs one mutating call as a transaction: stages its changes, lets the notifier post what Odoo
/// posts before commit (17/18 native webhooks) and decide a rollback, commits, then posts what
/// Odoo posts after commit (19 native, the module).
/// </summary>
internal sealed class TransactionRunner(OdooStore store, TimeProvider time, WebhookNotifier notifier)
{
    public async Task<JsonNode?> RunAsync(int uid, Func<Transaction, JsonNode?> body, CancellationToken cancellationToken)
    {
        await store.TransactionGate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow().UtcDateTime;
            var transaction = new Transaction(store, now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)), uid);
            var result = body(transaction);
            if (transaction.Done.Count > 0)
            {
                await notifier.BeforeCommitAsync(transaction, cancellationToken);
            }

            transaction.Commit();
            if (transaction.Done.Count > 0)
            {
                await notifier.AfterCommitAsync(transaction, cancellationToken);
            }

            return result;
        }
        finally
        {
            store.TransactionGate.Release();
        }
    }
}
