using System.Net;
using CertyoOdoo.Web.Tests.Hosting;

namespace CertyoOdoo.Web.Tests.Endpoints;

[Collection(OpsGroup.Name)]
public sealed class ApiBackfillTests(OpsApp app)
{
    private const string Picking = "stock.picking";

    [Fact]
    public async Task A_backfill_puts_the_range_in_the_ledger_and_reports_progress()
    {
        // Twelve pickings written in June 2025, two just outside the range.
        var inRange = Enumerable.Range(6001, 12).ToList();
        foreach (var picking in inRange)
        {
            app.Fakes.Odoo.PutPicking(picking, $"WH/OUT/{picking}", new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(picking - 6000));
        }

        app.Fakes.Odoo.PutPicking(6100, "WH/OUT/6100", new DateTime(2025, 5, 31, 23, 0, 0, DateTimeKind.Utc));
        app.Fakes.Odoo.PutPicking(6101, "WH/OUT/6101", new DateTime(2025, 7, 1, 0, 0, 0, DateTimeKind.Utc));
        using var client = app.CreateApiClient();

        var (response, body) = await client.PostJsonAsync("/api/tenants/acme/backfill", new
        {
            model = Picking,
            from = "2025-06-01T00:00:00Z",
            to = "2025-07-01T00:00:00Z",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = body!["id"]!.GetValue<long>();
        Assert.Equal($"/api/backfills/{id}", response.Headers.Location?.OriginalString);

        var done = await ApiTestHelpers.WaitForAsync(async () =>
        {
            var run = await client.GetJsonAsync($"/api/backfills/{id}");
            return run["state"]!.GetValue<string>() == "done" ? run : null;
        }, "the backfill to finish");
        Assert.Equal(12, done["found"]!.GetValue<int>());
        Assert.Equal(12, done["queued"]!.GetValue<int>());
        Assert.True(done["batches"]!.GetValue<int>() >= 1);

        foreach (var odooId in inRange)
        {
            await client.WaitForStatusAsync(Picking, odooId, "ingested");
        }

        await client.GetJsonAsync(ApiTestHelpers.RecordPath(Picking, 6100), HttpStatusCode.NotFound);
        await client.GetJsonAsync(ApiTestHelpers.RecordPath(Picking, 6101), HttpStatusCode.NotFound);
        var recent = await client.GetJsonAsync("/api/backfills?limit=5");
        Assert.Contains(recent.AsArray(), r => r!["id"]!.GetValue<long>() == id);
    }

    [Fact]
    public async Task A_backfill_request_is_validated()
    {
        using var client = app.CreateApiClient();
        var (response, body) = await client.PostJsonAsync("/api/tenants/acme/backfill", new { model = "quality.check", from = "2025-07-01T00:00:00Z", to = "2025-06-01T00:00:00Z" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = body!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("model")); // not enabled for acme (defaults: pickings and MOs)
        Assert.True(errors.ContainsKey("to"));

        var (unknown, _) = await client.PostJsonAsync("/api/tenants/nobody/backfill", new { model = Picking, from = "2025-06-01T00:00:00Z", to = "2025-07-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        await client.GetJsonAsync("/api/backfills/987654", HttpStatusCode.NotFound);
        var limit = await client.GetJsonAsync("/api/backfills?limit=0", HttpStatusCode.BadRequest);
        Assert.True(limit["errors"]!.AsObject().ContainsKey("limit"));
    }
}
