using CertyoOdoo.Web.Jobs;
using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Tenants;
using Microsoft.Extensions.Options;

namespace CertyoOdoo.Web.Tests.Ledger;

/// <summary>Retry on both stores (list parameters are spelled differently for PostgreSQL).</summary>
public sealed class LedgerAdminRetryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Retry_puts_failed_and_dead_rows_back_or_the_ids_and_statuses_asked_for(string provider)
    {
        await using var ledger = await TestLedger.CreateAsync(provider);
        if (ledger is null) { return; }
        var s = ledger.Store;
        await s.RecordNotificationsAsync("acme", "stock.picking", [1, 2, 3], "test", T0, default);
        var rows = await s.ClaimIngestAsync("acme", "stock.picking", 10, "t", T0, T0.AddMinutes(5), default);
        rows[0].StatusValue = LedgerStatus.Failed;
        rows[0].NextAttemptAt = LedgerRow.Ms(T0.AddHours(1));
        rows[1].StatusValue = LedgerStatus.Dead;
        rows[2].StatusValue = LedgerStatus.Ingested;
        rows[2].VerifyDueAt = LedgerRow.Ms(T0.AddHours(1));
        await s.CompleteAsync([.. rows.Select(r => new LedgerChange(r, "pending", null))], "t", T0, readFromOdoo: true, default);

        var signal = new RecordingSignal();
        var admin = new LedgerAdmin(ledger.Database, s, new TenantRegistry(Options.Create(new TenantsOptions()), null!), signal, TimeProvider.System);
        Assert.Equal(2, await admin.RetryAsync(new RetryRequest(), default));
        Assert.Equal(["acme/stock.picking"], signal.Ingests);
        Assert.Equal(0, await admin.RetryAsync(new RetryRequest(Tenant: "acme", Model: "stock.picking"), default));
        Assert.Equal(1, await admin.RetryAsync(new RetryRequest(Ids: [rows[2].Id, 999], Statuses: [LedgerStatus.Ingested]), default));

        var pending = await s.ClaimIngestAsync("acme", "stock.picking", 10, "u", TimeProvider.System.GetUtcNow(), TimeProvider.System.GetUtcNow().AddMinutes(5), default);
        Assert.Equal([1, 2, 3], pending.Select(r => r.OdooId));
        Assert.All(pending, r => Assert.Equal(("pending", 0), (r.Status, r.Attempts)));
    }

    private sealed class RecordingSignal : IWorkSignal
    {
        public List<string> Ingests { get; } = [];

        public void Ingest(string tenant, string model, int notified = 1) => Ingests.Add($"{tenant}/{model}");

        public void Verify(string tenant)
        {
        }

        public void Sweep()
        {
        }
    }
}
