using CertyoOdoo.Web.Ledger;

namespace CertyoOdoo.Web.Tests.EndToEnd;

/// <summary>Crashes and outages in the middle of the flow: everything still ends anchored exactly once.</summary>
public sealed class ResilienceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_service_stopped_mid_batch_and_restarted_finishes_without_duplicates(string provider)
    {
        await using var stack = await Stack.StartAsync(provider, "native", pickings: 120, productions: 30,
            sandboxExtra: new Dictionary<string, string?> { ["Sandbox:Faults:Latency"] = "00:00:00.150" },
            serviceExtra: new Dictionary<string, string?> { ["Jobs:IngestBatchSize"] = "20", ["Jobs:BulkThreshold"] = "5" });
        if (stack is null) { return; }
        var pickings = await stack.IdsAsync("stock.picking", "assigned");
        var productions = await stack.IdsAsync("mrp.production", "confirmed", "progress");
        await stack.CompleteAsync(pickings, productions);

        // Stop while batches are on their way to Certyo.
        await Eventually.WaitAsync(async () => (await stack.CertyoStatsAsync()).Records > 0, Timeout, stack.DescribeAsync);
        var before = await stack.LedgerCountsAsync();
        await stack.StopServiceAsync();
        Assert.True(before[LedgerStatus.Pending] + before[LedgerStatus.Failed] > 0, "stopped too late to test anything: " + string.Join(",", before));

        stack.StartService();
        await stack.WaitAnchoredAsync(150, Timeout);
        var stats = await stack.CertyoStatsAsync();
        Assert.Equal((150L, 0L), (stats.Records, stats.Duplicates));
    }

    [Fact]
    public async Task Certyo_down_for_a_while_then_back_all_complete_once()
    {
        await using var stack = await Stack.StartAsync("sqlite", "native", pickings: 40, productions: 10);
        if (stack is null) { return; }
        stack.CertyoFaults.ErrorRate = 1.0;
        await stack.CompleteAsync(await stack.IdsAsync("stock.picking", "assigned"), await stack.IdsAsync("mrp.production", "confirmed", "progress"));

        await Eventually.WaitAsync(async () => (await stack.LedgerCountsAsync())[LedgerStatus.Failed] >= 10, Timeout, stack.DescribeAsync);
        Assert.Equal(0, (await stack.CertyoStatsAsync()).Records);

        // Back, but answers get lost now and then: retries must replay, not duplicate.
        stack.CertyoFaults.DropAfterAcceptRate = 0.3;
        stack.CertyoFaults.ErrorRate = 0;
        await stack.WaitAnchoredAsync(50, Timeout);
        var stats = await stack.CertyoStatsAsync();
        Assert.Equal((50L, 0L), (stats.Records, stats.Duplicates));
    }
}
