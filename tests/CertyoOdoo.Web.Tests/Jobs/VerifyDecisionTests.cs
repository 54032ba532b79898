using CertyoOdoo.Certyo.Contracts;
using CertyoOdoo.Certyo.Merkle;
using CertyoOdoo.Web.Hosting;
using CertyoOdoo.Web.Jobs;
using CertyoOdoo.Web.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CertyoOdoo.Web.Tests.Jobs;

/// <summary>What the verify job concludes from Certyo's answer (no I/O: the decision alone).</summary>
public sealed class VerifyDecisionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Hash = new('a', 64);
    private static readonly string Other = new('b', 64);

    private static VerifyJob Job()
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new ServiceMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        return new VerifyJob(null!, null!, null!, metrics, Options.Create(new JobOptions()), new FakeTimeProvider(T0), NullLogger<VerifyJob>.Instance);
    }

    private static LedgerRow Row(DateTimeOffset ingestedAt) => new()
    {
        Id = 1, Tenant = "acme", Model = "stock.picking", OdooId = 6, RecordId = "WH/OUT/00006", Status = "ingested", Version = 1,
        RecordHash = Hash, IngestedAt = LedgerRow.Ms(ingestedAt), VerifyDueAt = LedgerRow.Ms(ingestedAt.AddSeconds(90)),
    };

    private static VerifyResult Proven(string? rootOverride = null)
    {
        var tree = MerkleTree.FromRecordHashes([Other, Hash, Other]);
        return new VerifyResult
        {
            Verified = true, Status = "anchored", RecordHash = Hash, LeafIndex = 1, TreeSize = 3,
            Proof = [.. tree.GetAuditPath(1).Select(Convert.ToHexStringLower)], MerkleRoot = rootOverride ?? tree.RootHex, AnchoredAt = T0.AddSeconds(-5),
        };
    }

    [Fact]
    public void A_checked_proof_makes_the_record_anchored_with_Certyos_time()
    {
        var change = Job().Decide("acme", Row(T0.AddMinutes(-2)), Proven(), null, T0);
        Assert.Equal((LedgerStatus.Anchored, "anchored"), (change.Row.StatusValue, change.Row.OdooStatusDue));
        Assert.Equal(LedgerRow.Ms(T0.AddSeconds(-5)), change.Row.AnchoredAt);
        Assert.Contains("proof checked", change.Detail);
    }

    [Fact]
    public void A_proof_that_does_not_lead_to_the_root_is_not_anchored()
    {
        var change = Job().Decide("acme", Row(T0.AddMinutes(-2)), Proven(rootOverride: new string('c', 64)), null, T0);
        Assert.Equal(LedgerStatus.Ingested, change.Row.StatusValue);
        Assert.Contains("does not lead to root", change.Row.LastError);
        Assert.True(change.Row.VerifyDueAt > LedgerRow.Ms(T0));
    }

    [Fact]
    public void Not_yet_anchored_backs_off_doubling_from_the_first_delay_up_to_the_cap()
    {
        var row = Row(T0.AddMinutes(-2));
        var job = Job();
        var first = job.Decide("acme", row, new VerifyResult { Verified = false, Status = "batched" }, null, T0);
        Assert.Equal((LedgerStatus.Ingested, LedgerRow.Ms(T0.AddSeconds(180))), (first.Row.StatusValue, first.Row.VerifyDueAt));
        Assert.Contains("batched", first.Row.LastError);
        row.VerifyAttempts = 20;
        Assert.Equal(LedgerRow.Ms(T0.AddHours(1)), job.Decide("acme", row, null, null, T0).Row.VerifyDueAt);
    }

    [Fact]
    public void Another_version_reported_by_Certyo_is_not_taken_for_this_one()
    {
        var result = Proven() with { RecordHash = Other };
        Assert.Equal(LedgerStatus.Ingested, Job().Decide("acme", Row(T0.AddMinutes(-2)), result, null, T0).Row.StatusValue);
    }

    [Fact]
    public void After_24_hours_the_record_is_failed_in_Odoo_and_dead_in_the_ledger()
    {
        var change = Job().Decide("acme", Row(T0.AddHours(-24)), null, "Certyo verify: 503", T0);
        Assert.Equal((LedgerStatus.Dead, "failed"), (change.Row.StatusValue, change.Row.OdooStatusDue));
        Assert.Contains("not anchored within", change.Row.LastError);
    }
}
