using CertyoOdoo.Web.Ledger;

namespace CertyoOdoo.Web.Tests.Ledger;

public sealed class LedgerStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrations_are_idempotent(string provider)
    {
        await using var ledger = await TestLedger.CreateAsync(provider);
        if (ledger is null) { return; }
        var again = await new LedgerMigrations(ledger.Database, Microsoft.Extensions.Logging.Abstractions.NullLogger<LedgerMigrations>.Instance).MigrateAsync(CancellationToken.None);
        Assert.Empty(again);
        Assert.NotEmpty(LedgerMigrations.Scripts("postgres"));
        Assert.Equal(LedgerMigrations.Scripts("postgres").Select(s => s.Version), LedgerMigrations.Scripts("sqlite").Select(s => s.Version));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Repeated_notifications_change_nothing(string provider)
    {
        await using var ledger = await TestLedger.CreateAsync(provider);
        if (ledger is null) { return; }
        var s = ledger.Store;
        Assert.Equal(new NotificationOutcome(2, 0), await s.RecordNotificationsAsync("acme", "stock.picking", [6, 7], "test", T0, default));
        Assert.Equal(new NotificationOutcome(0, 0), await s.RecordNotificationsAsync("acme", "stock.picking", [6, 6, 7], "test", T0.AddSeconds(1), default));
        Assert.Equal(new NotificationOutcome(1, 0), await s.RecordNotificationsAsync("acme", "mrp.production", [6], "test", T0, default));
        Assert.Equal(0, await s.InsertIfAbsentAsync("acme", "stock.picking", [6, 7], "reconcile", T0, default));

        var claimed = await s.ClaimIngestAsync("acme", "stock.picking", 10, "t1", T0.AddSeconds(2), T0.AddMinutes(5), default);
        Assert.Equal([6, 7], claimed.Select(r => r.OdooId));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_notification_for_a_processed_row_only_marks_it_for_recheck(string provider)
    {
        await using var ledger = await TestLedger.CreateAsync(provider);
        if (ledger is null) { return; }
        var s = ledger.Store;
        await ledger.IngestedRowAsync(6, T0, T0.AddHours(1));
        Assert.Empty(await s.ClaimIngestAsync("acme", "stock.picking", 10, "t2", T0.AddSeconds(1), T0.AddMinutes(5), default));

        Assert.Equal(new NotificationOutcome(0, 1), await s.RecordNotificationsAsync("acme", "stock.picking", [6], "test", T0.AddSeconds(2), default));
        Assert.Equal(new NotificationOutcome(0, 1), await s.RecordNotificationsAsync("acme", "stock.picking", [6], "test", T0.AddSeconds(2), default));
        var again = (await s.ClaimIngestAsync("acme", "stock.picking", 10, "t3", T0.AddSeconds(3), T0.AddMinutes(5), default)).Single();
        Assert.Equal(("ingested", 1, 2), (again.Status, again.Version, again.Recheck));

        // Re-read and completed: nothing is due any more.
        Assert.Equal(1, await s.CompleteAsync([new LedgerChange(again, "ingested", null)], "t3", T0.AddSeconds(4), readFromOdoo: true, default));
        Assert.Empty(await s.ClaimIngestAsync("acme", "stock.picking", 10, "t4", T0.AddSeconds(5), T0.AddMinutes(5), default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_recheck_survives_a_notification_mid_job_a_verify_and_a_crashed_job(string provider)
    {
        await using var ledger = await TestLedger.CreateAsync(provider);
        if (ledger is null) { return; }
        var s = ledger.Store;
        await s.RecordNotificationsAsync("acme", "stock.picking", [6], "test", T0, default);
        var row = (await s.ClaimIngestAsync("acme", "stock.picking", 10, "t1", T0, T0.AddMinutes(5), default)).Single();
        row.StatusValue = LedgerStatus.Ingested;
        row.VerifyDueAt = LedgerRow.Ms(T0);

        // Notified while the job holds the (still pending) row: the job read Odoo before, so it must read again.
        Assert.Equal(new NotificationOutcome(0, 1), await s.RecordNotificationsAsync("acme", "stock.picking", [6], "test", T0.AddSeconds(1), default));
        await s.CompleteAsync([new LedgerChange(row, "pending", null)], "t1", T0.AddSeconds(2), readFromOdoo: true, default);

        // A verification completing in between does not consume it.
        var verify = (await s.ClaimVerifyAsync("acme", 10, "v", T0.AddSeconds(3), T0.AddMinutes(5), default)).Single();
        verify.VerifyDueAt = LedgerRow.Ms(T0.AddHours(1));
        await s.CompleteAsync([new LedgerChange(verify, "ingested", null)], "v", T0.AddSeconds(3), readFromOdoo: false, default);

        // The job that takes it crashes: after the lease it is due again, with its recheck.
        var taken = (await s.ClaimIngestAsync("acme", "stock.picking", 10, "crash", T0.AddSeconds(4), T0.AddMinutes(1), default)).Single();
        Assert.Equal(1, taken.Recheck);
        Assert.Empty(await s.ClaimIngestAsync("acme", "stock.picking", 10, "early", T0.AddSeconds(30), T0.AddMinutes(2), default));
        var retaken = (await s.ClaimIngestAsync("acme", "stock.picking", 10, "later", T0.AddMinutes(2), T0.AddMinutes(7), default)).Single();
        Assert.Equal((row.Id, 1), (retaken.Id, retaken.Recheck));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_claimers_never_share_a_row(string provider)
    {
        await using var ledger = await TestLedger.CreateAsync(provider);
        if (ledger is null) { return; }
        var s = ledger.Store;
        await s.RecordNotificationsAsync("acme", "stock.picking", [.. Enumerable.Range(1, 300)], "test", T0, default);
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => s.ClaimIngestAsync("acme", "stock.picking", 70, $"w{i}", T0.AddSeconds(1), T0.AddMinutes(5), default))));
        var all = claims.SelectMany(c => c.Select(r => r.OdooId)).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(300, all.Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_expired_claim_comes_back_and_the_old_holder_cannot_complete(string provider)
    {
        await using var ledger = await TestLedger.CreateAsync(provider);
        if (ledger is null) { return; }
        var s = ledger.Store;
        await s.RecordNotificationsAsync("acme", "stock.picking", [6], "test", T0, default);
        var first = (await s.ClaimIngestAsync("acme", "stock.picking", 10, "old", T0, T0.AddMinutes(5), default)).Single();
        Assert.Empty(await s.ClaimIngestAsync("acme", "stock.picking", 10, "new", T0.AddMinutes(4), T0.AddMinutes(9), default));
        var due = await s.FindDueWorkAsync(T0.AddMinutes(6), T0, default);
        Assert.Contains(new DueWork("acme", "stock.picking", DueWork.Ingest), due);
        var second = (await s.ClaimIngestAsync("acme", "stock.picking", 10, "new", T0.AddMinutes(6), T0.AddMinutes(11), default)).Single();
        Assert.Equal(first.Id, second.Id);

        first.StatusValue = LedgerStatus.Ingested;
        Assert.Equal(0, await s.CompleteAsync([new LedgerChange(first, "pending", null)], "old", T0.AddMinutes(6), readFromOdoo: true, default));
        second.StatusValue = LedgerStatus.Failed;
        second.NextAttemptAt = LedgerRow.Ms(T0.AddMinutes(10));
        Assert.Equal(1, await s.CompleteAsync([new LedgerChange(second, "pending", "boom")], "new", T0.AddMinutes(6), readFromOdoo: true, default));
        Assert.Equal(T0.AddMinutes(10), await s.NextDueAsync(T0.AddMinutes(7), default));
        Assert.Empty(await s.FindDueWorkAsync(T0.AddMinutes(7), T0, default));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_claims_take_due_ingested_rows_only(string provider)
    {
        await using var ledger = await TestLedger.CreateAsync(provider);
        if (ledger is null) { return; }
        var s = ledger.Store;
        await s.RecordNotificationsAsync("acme", "stock.picking", [1, 2], "test", T0, default);
        var rows = await s.ClaimIngestAsync("acme", "stock.picking", 10, "t", T0, T0.AddMinutes(5), default);
        foreach (var (r, i) in rows.Select((r, i) => (r, i)))
        {
            r.StatusValue = LedgerStatus.Ingested;
            r.RecordId = $"WH/OUT/{r.OdooId}";
            r.VerifyDueAt = LedgerRow.Ms(T0.AddSeconds(90 + (i * 100)));
            r.OdooStatusDue = "ingested";
        }

        await s.CompleteAsync([.. rows.Select(r => new LedgerChange(r, "pending", null))], "t", T0, readFromOdoo: true, default);
        Assert.Equal(2, (await s.FindWriteBacksAsync("acme", T0, 10, default)).Count);
        Assert.Equal(1, await s.MarkWrittenBackAsync([(rows[0].Id, "ingested"), (rows[1].Id, "anchored")], default));
        Assert.Equal([rows[1].Id], (await s.FindWriteBacksAsync("acme", T0, 10, default)).Select(r => r.Id));

        Assert.Empty(await s.ClaimVerifyAsync("acme", 10, "v", T0.AddSeconds(60), T0.AddMinutes(5), default));
        Assert.Equal([rows[0].Id], (await s.ClaimVerifyAsync("acme", 10, "v", T0.AddSeconds(95), T0.AddMinutes(5), default)).Select(r => r.Id));
        Assert.Empty(await s.ClaimVerifyAsync("acme", 10, "w", T0.AddSeconds(96), T0.AddMinutes(5), default));
    }
}
