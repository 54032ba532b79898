using CertyoOdoo.Certyo.Client;
using CertyoOdoo.Certyo.Contracts;
using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Web.Jobs;
using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Mapping;
using CertyoOdoo.Web.Tests.Mapping;

namespace CertyoOdoo.Web.Tests.Jobs;

public sealed class IngestBatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly JobOptions O = new();

    private static LedgerRow Row(string status = "pending", int version = 0, string? hash = null, DateTimeOffset? notified = null) => new()
    {
        Id = 1, Tenant = "acme", Model = "stock.picking", OdooId = 6, Status = status, Version = version, PayloadHash = hash,
        NotifiedAt = LedgerRow.Ms(notified ?? T0), CreatedAt = LedgerRow.Ms(T0), UpdatedAt = LedgerRow.Ms(T0),
    };

    private static (IngestBatch Batch, LedgerRow Row) Batch(LedgerRow row) => (new IngestBatch("acme", "stock.picking", [(row, row.Status)]), row);

    private static Dictionary<int, OdooDocument> Docs(OdooDocument? d) => d is null ? [] : new() { [d.Id] = d };

    [Fact]
    public void A_first_send_is_version_1_insert()
    {
        var (b, _) = Batch(Row());
        var ready = Assert.Single(b.Plan(Docs(RecordMapperTests.Picking()), T0, O));
        Assert.Equal(1, ready.Version);
        var record = ready.Mapped.ToCertyo("acme", ready.Version);
        Assert.Equal(("insert", "stock.picking:WH/OUT/00006:v1"), (record.OperationType, record.IdempotencyKey));
    }

    [Fact]
    public void An_unchanged_anchored_record_is_not_sent_again()
    {
        var hash = RecordMapper.Map(RecordMapperTests.Picking()).PayloadHash;
        var (b, row) = Batch(Row("anchored", 1, hash));
        Assert.Empty(b.Plan(Docs(RecordMapperTests.Picking()), T0, O));
        Assert.Equal("anchored", row.Status);
    }

    [Fact]
    public void A_changed_record_goes_as_the_next_version_with_update()
    {
        var hash = RecordMapper.Map(RecordMapperTests.Picking()).PayloadHash;
        var (b, _) = Batch(Row("anchored", 1, hash));
        var ready = Assert.Single(b.Plan(Docs(RecordMapperTests.Picking(quantity: 7m)), T0, O));
        Assert.Equal(2, ready.Version);
        Assert.Equal(("update", "stock.picking:WH/OUT/00006:v2"), (ready.Mapped.ToCertyo("acme", 2).OperationType, ready.Mapped.ToCertyo("acme", 2).IdempotencyKey));
    }

    [Fact]
    public void A_retried_record_with_the_same_payload_reuses_its_version()
    {
        var hash = RecordMapper.Map(RecordMapperTests.Picking()).PayloadHash;
        var (b, _) = Batch(Row("pending", 1, hash)); // e.g. retried by an operator after the verify gave up
        Assert.Equal(1, Assert.Single(b.Plan(Docs(RecordMapperTests.Picking()), T0, O)).Version);
    }

    [Fact]
    public void A_record_not_done_yet_is_retried_shortly_then_skipped()
    {
        var notDone = RecordMapperTests.Picking() with { State = "assigned", IsDone = false };
        var (b, row) = Batch(Row());
        Assert.Empty(b.Plan(Docs(notDone), T0.AddMinutes(1), O));
        Assert.Equal(("pending", LedgerRow.Ms(T0.AddMinutes(1) + O.NotDoneRetryDelay)), (row.Status, row.NextAttemptAt));
        Assert.Contains("assigned", row.LastError);

        var (late, lateRow) = Batch(Row());
        Assert.Empty(late.Plan(Docs(null), T0 + O.NotDoneGracePeriod, O));
        Assert.Equal("skipped", lateRow.Status);
        Assert.Contains("missing", lateRow.LastError);
    }

    [Fact]
    public void Success_records_the_version_hash_and_first_verification()
    {
        var (b, row) = Batch(Row());
        var ready = b.Plan(Docs(RecordMapperTests.Picking()), T0, O).Single();
        b.Succeeded(ready, new IngestResult("WH/OUT/00006", new string('a', 64), "acme", T0, false), T0, O);
        Assert.Equal(("ingested", 1, "stock.picking:WH/OUT/00006:v1", "ingested"), (row.Status, row.Version, row.IdempotencyKey, row.OdooStatusDue));
        Assert.Equal(LedgerRow.Ms(T0 + O.VerifyFirstDelay), row.VerifyDueAt);
        Assert.Equal(ready.Mapped.PayloadHash, row.PayloadHash);
        Assert.Single(b.Ingested());
    }

    [Fact]
    public void Failures_are_retried_with_backoff_refusals_are_dead_conflicts_move_on()
    {
        var (b, row) = Batch(Row());
        var ready = b.Plan(Docs(RecordMapperTests.Picking()), T0, O).Single();
        b.Failed(ready, new CertyoException("down") { StatusCode = 503, IsTransient = true }, T0, O);
        Assert.Equal(("failed", 1, LedgerRow.Ms(T0 + O.FailureBackoffBase)), (row.Status, row.Attempts, row.NextAttemptAt));
        b.Failed(ready, new CertyoException("down") { StatusCode = 503, IsTransient = true }, T0, O);
        Assert.Equal(LedgerRow.Ms(T0 + (2 * O.FailureBackoffBase)), row.NextAttemptAt);

        b.Failed(ready, new CertyoException("invalid") { StatusCode = 400 }, T0, O);
        Assert.Equal("dead", row.Status);

        var (c, conflicted) = Batch(Row());
        var r2 = c.Plan(Docs(RecordMapperTests.Picking()), T0, O).Single();
        c.Failed(r2, new CertyoException("conflict") { StatusCode = 409 }, T0, O);
        Assert.Equal(("failed", 1), (conflicted.Status, conflicted.Version));
        var (d, _) = Batch(conflicted);
        Assert.Equal(2, d.Plan(Docs(RecordMapperTests.Picking()), T0, O).Single().Version);
    }

    [Fact]
    public void Backoff_doubles_and_is_capped()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), Backoff.Delay(TimeSpan.FromSeconds(90), TimeSpan.FromHours(1), 1));
        Assert.Equal(TimeSpan.FromSeconds(180), Backoff.Delay(TimeSpan.FromSeconds(90), TimeSpan.FromHours(1), 2));
        Assert.Equal(TimeSpan.FromHours(1), Backoff.Delay(TimeSpan.FromSeconds(90), TimeSpan.FromHours(1), 12));
        Assert.Equal(TimeSpan.FromHours(1), Backoff.Delay(TimeSpan.FromSeconds(90), TimeSpan.FromHours(1), 500));
    }
}
