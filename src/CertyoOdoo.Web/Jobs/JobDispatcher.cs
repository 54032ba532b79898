using System.Threading.Channels;
using CertyoOdoo.Web.Hosting;
using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Tenants;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Jobs;

/// <summary>
/// Turns signals into Hangfire jobs, at most one in flight per (kind, tenant, model): a notification
/// never costs an Enqueue (~4 ms); a signal for a key already in flight marks it dirty, and the job's
/// completion re-enqueues it. It sweeps the ledger at start and whenever the next retry, verification
/// or lease end falls due (recomputed as jobs complete), so retries run on time. The periodic safety
/// net (work whose job was lost, work another instance left) is the recurring <see cref="SweepJob"/>,
/// and each reconcile is a recurring job too (<see cref="RecurringJobsSetup"/>): both are listed in the dashboard.
/// </summary>
internal sealed partial class JobDispatcher(
    IServiceProvider services,
    LedgerStore store,
    TenantRegistry tenants,
    ServiceMetrics metrics,
    IOptions<JobOptions> options,
    TimeProvider time,
    ILogger<JobDispatcher> logger) : BackgroundService, IWorkSignal
{
    public const string Reconcile = "reconcile";

    private readonly Channel<Message> _messages = Channel.CreateUnbounded<Message>(new() { SingleReader = true });
    private readonly Dictionary<(string Kind, string Tenant, string Model), Slot> _slots = [];
    // With nothing due, the dispatcher still looks again this often (the recurring sweep is the real net).
    private static readonly TimeSpan IdleSweep = TimeSpan.FromMinutes(5);
    private readonly JobOptions _o = options.Value;

    public void Ingest(string tenant, string model, int notified = 1) =>
        _messages.Writer.TryWrite(new Message(DueWork.Ingest, tenant, model, false, false, notified));

    public void Verify(string tenant) => _messages.Writer.TryWrite(new Message(DueWork.Verify, tenant, "", false, false));

    public void Sweep() => _messages.Writer.TryWrite(new Message("sweep", "", "", false, false));

    /// <summary>Called by a job when it ends (on whatever instance it ran).</summary>
    public void Completed(string kind, string tenant, string model, bool more) =>
        _messages.Writer.TryWrite(new Message(kind, tenant, model, true, more));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var client = services.GetRequiredService<IBackgroundJobClient>();
        var nextSweep = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                if (now >= nextSweep)
                {
                    nextSweep = Earliest(await SweepAsync(client, now, stoppingToken), now + IdleSweep);
                }

                var wait = Earliest(RunDeferred(client), nextSweep) - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    using var timeout = new CancellationTokenSource(wait, time);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
                    try
                    {
                        await _messages.Reader.WaitToReadAsync(linked.Token);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        // Something fell due: sweep.
                    }
                }

                var completed = false;
                while (_messages.Reader.TryRead(out var message))
                {
                    if (message.Kind == "sweep")
                    {
                        nextSweep = DateTimeOffset.MinValue;
                        continue;
                    }

                    completed |= message.Completed;
                    Handle(client, message);
                }

                if (completed && nextSweep > DateTimeOffset.MinValue)
                {
                    // A job may have scheduled a retry or a verification sooner than the next planned sweep.
                    nextSweep = Earliest(await store.NextDueAsync(time.GetUtcNow(), stoppingToken), nextSweep);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogLoopFailed(logger, ex.Message);
                nextSweep = time.GetUtcNow() + TimeSpan.FromSeconds(1);
            }
        }
    }

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } v && v < b ? v : b;

    private void Handle(IBackgroundJobClient client, Message m)
    {
        var key = (m.Kind, m.Tenant, m.Model);
        if (!_slots.TryGetValue(key, out var slot))
        {
            slot = _slots[key] = new Slot();
        }

        slot.Waiting += m.Notified;
        if (m.Completed)
        {
            slot.EnqueuedAt = null;
            if (!(slot.Dirty || m.More))
            {
                return;
            }
        }

        TryEnqueue(client, key, slot, fullBatchDone: m.More);
    }

    /// <summary>Enqueues deferred keys that are due; returns when the next deferred one is.</summary>
    private DateTimeOffset? RunDeferred(IBackgroundJobClient client)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? next = null;
        foreach (var (key, slot) in _slots)
        {
            if (slot.DeferredUntil is not { } due)
            {
                continue;
            }

            if (due <= now)
            {
                slot.DeferredUntil = null;
                if (slot.Dirty)
                {
                    TryEnqueue(client, key, slot);
                }

                if (slot.DeferredUntil is { } again && (next is null || again < next))
                {
                    next = again;
                }
            }
            else if (next is null || due < next)
            {
                next = due;
            }
        }

        return next;
    }

    private void TryEnqueue(IBackgroundJobClient client, (string Kind, string Tenant, string Model) key, Slot slot, bool fullBatchDone = false)
    {
        var now = time.GetUtcNow();
        if (slot.EnqueuedAt is { } at && now - at < _o.InFlightTimeout)
        {
            slot.Dirty = true;
            return;
        }

        if (key.Kind == DueWork.Ingest && !fullBatchDone && slot.Waiting < _o.IngestBatchSize && slot.StartedAt + _o.IngestCoalesce > now)
        {
            // A trickle of notifications: let them gather rather than run a job per handful of records
            // (unless a batch's worth is already waiting).
            slot.Dirty = true;
            slot.DeferredUntil = slot.StartedAt + _o.IngestCoalesce;
            return;
        }

        slot.Dirty = false;
        slot.EnqueuedAt = now;
        slot.StartedAt = now;
        slot.Waiting = 0;
        slot.DeferredUntil = null;
        var (kind, tenant, model) = key;
        try
        {
            _ = kind switch
            {
                DueWork.Ingest => client.Enqueue<IngestJob>(j => j.RunAsync(tenant, model, CancellationToken.None)),
                DueWork.Verify => client.Enqueue<VerifyJob>(j => j.RunAsync(tenant, CancellationToken.None)),
                _ => client.Enqueue<ReconcileJob>(j => j.RunAsync(tenant, model, CancellationToken.None)),
            };
        }
        catch (Exception ex)
        {
            // Storage unavailable: the next sweep tries again.
            slot.EnqueuedAt = null;
            LogEnqueueFailed(logger, kind, tenant, model, ex.Message);
        }
    }

    private async Task<DateTimeOffset?> SweepAsync(IBackgroundJobClient client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var work in await store.FindDueWorkAsync(now, now - _o.WriteBackRetryDelay, cancellationToken))
        {
            if (tenants.TryGet(work.Tenant, out _, out _))
            {
                Handle(client, new Message(work.Kind, work.Tenant, work.Model, false, false));
            }
        }

        metrics.Update(await store.SnapshotAsync(now, cancellationToken));
        return await store.NextDueAsync(now, cancellationToken);
    }

    private sealed record Message(string Kind, string Tenant, string Model, bool Completed, bool More, int Notified = 0);

    private sealed class Slot
    {
        public DateTimeOffset? EnqueuedAt { get; set; }
        public DateTimeOffset StartedAt { get; set; } = DateTimeOffset.MinValue;
        public DateTimeOffset? DeferredUntil { get; set; }
        public bool Dirty { get; set; }

        /// <summary>Notifications signalled since the last enqueue (an upper bound on the records waiting).</summary>
        public int Waiting { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Job dispatcher: sweep failed (retrying in 1 s): {Error}")]
    private static partial void LogLoopFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job dispatcher: enqueueing {Kind} {Tenant}/{Model} failed (next sweep retries): {Error}")]
    private static partial void LogEnqueueFailed(ILogger logger, string kind, string tenant, string model, string error);
}
