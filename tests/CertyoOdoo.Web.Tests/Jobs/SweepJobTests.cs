using CertyoOdoo.Web.Ledger;
using CertyoOdoo.Web.Tests.Endpoints;
using CertyoOdoo.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CertyoOdoo.Web.Tests.Jobs;

/// <summary>
/// The recurring sweep is what picks up work nobody signalled (a job lost in a crash, an inbox entry whose
/// instance died before folding it): here the work is put in place behind the dispatcher's back, so only
/// the Hangfire recurring job can find it (OpsApp waits for the start-up reconcile, which would find it too).
/// </summary>
[Collection(OpsGroup.Name)]
public sealed class SweepJobTests(OpsApp app)
{
    private const string Picking = "stock.picking";

    [Fact]
    public async Task A_row_no_job_was_enqueued_for_is_ingested_by_the_recurring_sweep()
    {
        app.Fakes.Odoo.PutPicking(7301, "WH/OUT/7301", new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        var store = app.Services.GetRequiredService<LedgerStore>();
        Assert.Equal(1, await store.InsertIfAbsentAsync(OpsApp.Tenant, Picking, [7301], "test: no signal", TimeProvider.System.GetUtcNow(), default));

        using var client = app.CreateApiClient();
        var details = await client.WaitForStatusAsync(Picking, 7301, "ingested", "anchored");
        Assert.Equal("WH/OUT/7301", details["record"]!["recordId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_inbox_entry_left_unfolded_is_folded_and_ingested_by_the_recurring_sweep()
    {
        app.Fakes.Odoo.PutPicking(7302, "WH/OUT/7302", new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        var inbox = app.Services.GetRequiredService<NotificationInbox>();
        var folder = app.Services.GetRequiredService<CertyoOdoo.Web.Intake.InboxFolder>();
        await ApiTestHelpers.WaitForAsync(() => Task.FromResult<object?>(folder.Passes > 0 ? folder : null), "the start-up fold"); // then it only folds when kicked
        await inbox.AppendAsync(OpsApp.Tenant, Picking, [7302], "notified (native)", TimeProvider.System.GetUtcNow(), default); // no kick

        using var client = app.CreateApiClient();
        await client.WaitForStatusAsync(Picking, 7302, "ingested", "anchored");
    }
}
