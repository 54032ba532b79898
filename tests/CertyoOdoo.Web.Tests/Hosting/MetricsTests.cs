using System.Net;
using System.Net.Http.Json;
using CertyoOdoo.Web.Tests.Endpoints;

namespace CertyoOdoo.Web.Tests.Hosting;

[Collection(OpsGroup.Name)]
public sealed class MetricsTests(OpsApp app)
{
    [Fact]
    public async Task Metrics_expose_the_service_instruments_in_prometheus_format()
    {
        using var client = app.CreateClient();
        // A native-style notification, so the intake counter has a value.
        using (var notify = await client.PostAsJsonAsync(
            new Uri("/webhooks/odoo/acme?token=webhook-secret-0123456789", UriKind.Relative),
            new Dictionary<string, object> { ["_id"] = 7001, ["_model"] = "stock.picking", ["_action"] = "Send Webhook Notification" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, notify.StatusCode);
        }

        var text = await ApiTestHelpers.WaitForAsync(async () =>
        {
            var scrape = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            // The ledger gauges are filled by the dispatcher's sweep (every second here).
            return scrape.Contains("certyo_odoo_records{", StringComparison.Ordinal) ? scrape : null;
        }, "the ledger gauges in /metrics");

        Assert.Contains("# TYPE certyo_odoo_notifications_received_total counter", text, StringComparison.Ordinal);
        Assert.Contains("certyo_odoo_notifications_received_total{", text, StringComparison.Ordinal);
        Assert.Contains("certyo_odoo_records{", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Odoo_and_certyo_calls_are_counted_with_latencies()
    {
        app.Fakes.Odoo.PutPicking(7101, "WH/OUT/7101", new DateTime(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc));
        using var client = app.CreateApiClient();
        await client.PostJsonAsync(ApiTestHelpers.RecordPath("stock.picking", 7101) + "/resync");
        await client.WaitForStatusAsync("stock.picking", 7101, "ingested");

        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("certyo_odoo_odoo_calls_total{", text, StringComparison.Ordinal);
        Assert.Contains("certyo_odoo_certyo_calls_total{", text, StringComparison.Ordinal);
        Assert.Contains("certyo_odoo_certyo_duration_milliseconds_bucket{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_odoo_client_meter_is_exported()
    {
        using var client = app.CreateApiClient();
        // The simulator tenant runs on the real Odoo client, whose meter counts every call: a resync makes the ingest read.
        await client.PostJsonAsync($"/api/tenants/{OpsApp.SimTenant}/records/stock.picking/1/resync");

        var text = await ApiTestHelpers.WaitForAsync(async () =>
        {
            var scrape = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            return scrape.Contains("certyo_odoo_calls_total{", StringComparison.Ordinal) ? scrape : null;
        }, "the Odoo client's calls in /metrics");
        Assert.Contains("certyo_odoo_call_duration_milliseconds_bucket{", text, StringComparison.Ordinal);
    }
}
