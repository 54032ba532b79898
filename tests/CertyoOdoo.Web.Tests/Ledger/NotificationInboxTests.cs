namespace CertyoOdoo.Web.Tests.Ledger;

/// <summary>The webhook's inbox: appends are durable at once, and a fold turns them into ledger rows exactly once.</summary>
public sealed class NotificationInboxTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_appends_fold_into_one_pending_row_per_record(string provider)
    {
        await using var ledger = await TestLedger.CreateAsync(provider);
        if (ledger is null) { return; }

        // 300 notifications at once, four per picking as Odoo 17 sends them, plus one MO notification naming two ids.
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            Task.Run(() => ledger.Inbox.AppendAsync("acme", "stock.picking", [1 + (i / 4)], "notified (native)", T0.AddMilliseconds(i), default))));
        await ledger.Inbox.AppendAsync("acme", "mrp.production", [7, 8], "notified (module)", T0, default);
        Assert.Equal(302, await ledger.Inbox.CountAsync(default));

        var fold = await ledger.Inbox.FoldAsync(1000, T0.AddSeconds(1), default);
        Assert.Equal(302, fold.Entries);
        Assert.Equal([("acme", "mrp.production", 2), ("acme", "stock.picking", 300)], fold.Touched.Order());
        Assert.Equal(0, await ledger.Inbox.CountAsync(default));
        Assert.Equal(0, (await ledger.Inbox.FoldAsync(1000, T0.AddSeconds(2), default)).Entries);

        var pickings = await ledger.Store.ClaimIngestAsync("acme", "stock.picking", 1000, "t", T0.AddSeconds(2), T0.AddMinutes(5), default);
        Assert.Equal(Enumerable.Range(1, 75), pickings.Select(r => r.OdooId).Order());
        Assert.All(pickings, r => Assert.Equal(("pending", 0), (r.Status, r.Recheck)));
        Assert.Equal([7, 8], (await ledger.Store.ClaimIngestAsync("acme", "mrp.production", 10, "t", T0.AddSeconds(2), T0.AddMinutes(5), default)).Select(r => r.OdooId));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_fold_in_slices_keeps_order_and_marks_processed_rows_for_recheck(string provider)
    {
        await using var ledger = await TestLedger.CreateAsync(provider);
        if (ledger is null) { return; }
        var s = ledger.Store;
        await ledger.IngestedRowAsync(6, T0, T0.AddHours(1));

        for (var i = 0; i < 5; i++)
        {
            await ledger.Inbox.AppendAsync("acme", "stock.picking", [6, 10 + i], "notified (module)", T0.AddSeconds(i), default);
        }

        Assert.Equal(4, (await ledger.Inbox.FoldAsync(4, T0.AddSeconds(10), default)).Entries);
        Assert.Equal(6, await ledger.Inbox.CountAsync(default));
        while ((await ledger.Inbox.FoldAsync(4, T0.AddSeconds(10), default)).Entries > 0)
        {
        }

        var due = await s.ClaimIngestAsync("acme", "stock.picking", 10, "t2", T0.AddSeconds(11), T0.AddMinutes(5), default);
        Assert.Equal([6, 10, 11, 12, 13, 14], due.Select(r => r.OdooId));
        var processed = due.Single(r => r.OdooId == 6);
        Assert.Equal("ingested", processed.Status);
        Assert.True(processed.Recheck > 0); // one per fold that named it: each slice is its own notification batch
    }
}
