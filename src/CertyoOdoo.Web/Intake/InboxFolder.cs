using System.Threading.Channels;
using CertyoOdoo.Web.Jobs;
using CertyoOdoo.Web.Ledger;

namespace CertyoOdoo.Web.Intake;

/// <summary>
/// Moves the webhook's inbox into the ledger, off the request path: at start and as soon as a
/// notification was appended here (entries another instance left behind are folded by the recurring
/// sweep). After each fold it signals ingest for the tenants and models touched.
/// </summary>
internal sealed partial class InboxFolder(
    NotificationInbox inbox,
    IWorkSignal signal,
    TimeProvider time,
    ILogger<InboxFolder> logger) : BackgroundService
{
    private const int FoldLimit = 2000;

    // Notifications arriving within this window share one fold: at 200 notifications/s a fold per
    // notification would cost more CPU (and PostgreSQL round trips) than the intake itself.
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(100);
    private readonly Channel<bool> _kicks = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private long _passes;

    /// <summary>Fold passes completed (each empties the inbox as it was when the pass began).</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Something was appended: fold soon. Never blocks.</summary>
    public void Kick() => _kicks.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Timeout.InfiniteTimeSpan;
            try
            {
                while (await FoldOnceAsync(stoppingToken) == FoldLimit)
                {
                    // A full slice: more may be waiting.
                }

                Interlocked.Increment(ref _passes);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFoldFailed(logger, ex.Message);
                wait = TimeSpan.FromSeconds(1);
            }

            using var timeout = new CancellationTokenSource(wait, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
            try
            {
                await _kicks.Reader.ReadAsync(linked.Token);
                await Task.Delay(Coalesce, time, stoppingToken);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The retry delay after a failure elapsed.
            }
        }
    }

    private async Task<int> FoldOnceAsync(CancellationToken cancellationToken)
    {
        var fold = await inbox.FoldAsync(FoldLimit, time.GetUtcNow(), cancellationToken);
        foreach (var (tenant, model, entries) in fold.Touched)
        {
            signal.Ingest(tenant, model, entries);
        }

        return fold.Entries;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbox fold failed (retrying in 1 s; the entries stay in the inbox): {Error}")]
    private static partial void LogFoldFailed(ILogger logger, string error);
}
