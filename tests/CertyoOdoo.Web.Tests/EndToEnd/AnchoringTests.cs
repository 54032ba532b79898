namespace CertyoOdoo.Web.Tests.EndToEnd;

/// <summary>
/// Odoo simulator → webhook or reconcile → ledger → Certyo sandbox → verify → write-back, over loopback,
/// on both stores. Each record must end anchored in Odoo's fields and exist exactly once in Certyo.
/// </summary>
public sealed class AnchoringTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static TheoryData<string, string> Cases => new()
    {
        { "sqlite", "native" },
        { "postgres", "native" },
        { "sqlite", "module" },
        { "postgres", "module" },
        { "sqlite", "none" },
        { "postgres", "none" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_validated_record_ends_anchored_once(string provider, string webhooks)
    {
        await using var stack = await Stack.StartAsync(provider, webhooks, pickings: 200, productions: 50);
        if (stack is null) { return; }
        var pickings = await stack.IdsAsync("stock.picking", "assigned");
        var productions = await stack.IdsAsync("mrp.production", "confirmed", "progress");
        Assert.Equal((200, 50), (pickings.Count, productions.Count));

        await stack.CompleteAsync(pickings, productions);
        await stack.WaitAnchoredAsync(250, Timeout);

        var stats = await stack.CertyoStatsAsync();
        Assert.Equal((250L, 0L), (stats.Records, stats.Duplicates));
        foreach (var (model, id) in pickings.Select(i => ("stock.picking", i)).Concat(productions.Select(i => ("mrp.production", i))))
        {
            var record = await stack.OdooRecordAsync(model, id);
            Assert.Equal("anchored", record.GetProperty("x_certyo_anchor_status").GetString());
            Assert.Matches("^[0-9a-f]{64}$", record.GetProperty("x_certyo_record_hash").GetString());
            var anchoredAt = record.GetProperty("x_certyo_anchored_at").GetString();
            Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", anchoredAt);
            var entry = (await stack.LedgerEntryAsync(model, id))!;
            Assert.Equal(entry.AnchoredAt!.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), anchoredAt); // UTC, Odoo's format
            Assert.Equal(entry.RecordHash, record.GetProperty("x_certyo_record_hash").GetString());
        }
    }
}
