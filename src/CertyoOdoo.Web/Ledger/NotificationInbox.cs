using System.Threading.Channels;

namespace CertyoOdoo.Web.Ledger;

/// <summary>
/// Where the webhook records notifications before its 202: an append-only inbox with group commit
/// (concurrent notifications share one durable write). Appending never waits for a ledger row lock or
/// for the ledger's write gate, so the intake stays fast while jobs write; <see cref="FoldAsync"/> moves
/// the inbox into the ledger in the background. On PostgreSQL the inbox is the <c>ledger_inbox</c>
/// table (shared by all instances); on SQLite it is a file of its own next to the ledger.
/// </summary>
internal sealed partial class NotificationInbox : IAsyncDisposable
{
    private const int MaxGroupCommit = 512;
    private readonly Channel<PendingAppend> _appends = Channel.CreateUnbounded<PendingAppend>(new() { SingleReader = true });
    private readonly LedgerDatabase _database;
    private readonly LedgerStore _store;
    private readonly SemaphoreSlim _foldGate = new(1, 1);
    private Task? _writer;

    public NotificationInbox(LedgerDatabase database, LedgerStore store)
    {
        _database = database;
        _store = store;
        if (!database.IsPostgres)
        {
            _sqlite = SqliteInbox(database.SqlitePath!);
        }
    }

    /// <summary>
    /// Records that Odoo named these ids, durably: the task ends once the group commit holding this
    /// call is on disk. Throws when storage fails (the caller answers 5xx and Odoo's sender retries).
    /// </summary>
    public Task AppendAsync(string tenant, string model, IReadOnlyList<int> odooIds, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(tenant, model, odooIds, source, LedgerRow.Ms(now));
        if (!_appends.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The notification inbox is closed.");
        }

        if (_writer is null)
        {
            lock (_appends)
            {
                _writer ??= Task.Run(WriteAppendsAsync, CancellationToken.None);
            }
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Moves up to <paramref name="limit"/> inbox entries into the ledger: new ids become pending rows,
    /// known ones get a recheck. Returns how many entries it took and the (tenant, model) pairs touched, so
    /// their ingest can be signalled.
    /// Safe to run concurrently and to repeat: a fold interrupted before its inbox delete is redone, which
    /// at worst re-reads a record once more.
    /// </summary>
    public async Task<InboxFold> FoldAsync(int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _foldGate.WaitAsync(cancellationToken);
        try
        {
            return _database.IsPostgres
                ? await FoldPostgresAsync(limit, now, cancellationToken)
                : await FoldSqliteAsync(limit, now, cancellationToken);
        }
        finally
        {
            _foldGate.Release();
        }
    }

    /// <summary>How many entries wait to be folded (for tests and the readiness of a fold).</summary>
    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        _database.IsPostgres ? CountPostgresAsync(cancellationToken) : CountSqliteAsync(cancellationToken);

    private async Task WriteAppendsAsync()
    {
        var batch = new List<PendingAppend>(MaxGroupCommit);
        while (await _appends.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxGroupCommit && _appends.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                if (_database.IsPostgres)
                {
                    await WritePostgresAsync(batch);
                }
                else
                {
                    await WriteSqliteAsync(batch);
                }

                foreach (var item in batch)
                {
                    item.Completion.TrySetResult();
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

    public async ValueTask DisposeAsync()
    {
        _appends.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }

        _foldGate.Dispose();
        _sqliteGate.Dispose();
    }

    /// <summary>What one fold did: entries taken from the inbox, and the tenants and models they named.</summary>
    internal sealed record InboxFold(int Entries, IReadOnlyCollection<(string Tenant, string Model, int Entries)> Touched);

    /// <summary>One id of one notification, as the inbox holds it.</summary>
    internal sealed record InboxEntry(long Id, string Tenant, string Model, int OdooId, string Source, long ReceivedAt);

    private sealed record PendingAppend(string Tenant, string Model, IReadOnlyList<int> OdooIds, string Source, long At)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
