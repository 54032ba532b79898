using Microsoft.Extensions.Options;

namespace CertyoOdoo.Sandbox.Certyo;

/// <summary>Seals batches whose window has ended and anchors sealed batches after the anchor delay.</summary>
internal sealed class CertyoSandboxBatcher(CertyoSandboxStore store, IOptions<CertyoSandboxOptions> options, TimeProvider time, ILogger<CertyoSandboxBatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Tick often enough that sealing and anchoring lag their due time by at most a fifth of the shorter period.
        var shortest = TimeSpan.FromTicks(Math.Min(options.Value.BatchWindow.Ticks, Math.Max(options.Value.AnchorDelay.Ticks, TimeSpan.TicksPerMillisecond)));
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(shortest.TotalMilliseconds / 5, 20, 1000));
        using var timer = new PeriodicTimer(tick, time);
        do
        {
            try
            {
                RunOnce();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                CertyoSandboxLog.BatcherFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: seal what is due, then anchor what is due.</summary>
    public void RunOnce()
    {
        store.SealDue();
        foreach (var batch in store.AnchorDue())
        {
            CertyoSandboxLog.BatchAnchored(logger, batch.Id, batch.MerkleRoot, AnchorStandIns.BlockNumber(batch.MerkleRoot), AnchorStandIns.PolygonTxHash(batch.MerkleRoot));
        }
    }
}
