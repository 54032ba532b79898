using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CertyoOdoo.Testing;

namespace CertyoOdoo.Web.Tests.Intake;

/// <summary>
/// The service as a process (Program's own Kestrel wiring) warms its webhook path before it listens: both
/// senders' requests answer 202 in-process and leave nothing behind (no ledger row, no notification or
/// HTTP metric), and a real notification afterwards is recorded as usual.
/// </summary>
public sealed class IntakeWarmupTests
{
    private const string Secret = "warmup-test-secret-0123456789";
    private const string ApiKey = "warmup-test-api-key-0123456789";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_warm_up_answers_202_for_both_senders_and_records_nothing(string provider)
    {
        string? ledger = null;
        if (provider == "postgres")
        {
            if (TestPostgres.ServerConnectionString is null && !TestPostgres.Required)
            {
                return;
            }

            ledger = await TestPostgres.CreateDatabaseAsync("warmup");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        var dir = Directory.CreateTempSubdirectory("certyo-warmup-").FullName;
        try
        {
            await using var service = await AppProcess.StartAsync("service", AppProcess.LocateBuiltApp("CertyoOdoo.Web"), new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:CertyoOdoo.Web.Intake"] = "Information",
                ["Jobs:ProcessJobs"] = "false",
                ["Api:Keys:tests"] = ApiKey,
                ["Storage:Provider"] = provider,
                ["Storage:SqlitePath"] = Path.Combine(dir, "ledger.db"),
                ["Storage:HangfireSqlitePath"] = Path.Combine(dir, "hangfire.db"),
                ["ConnectionStrings:Ledger"] = ledger,
                ["Tenants:acme:Odoo:Url"] = "http://127.0.0.1:9/",
                ["Tenants:acme:Odoo:Database"] = "prod",
                ["Tenants:acme:Odoo:Login"] = "certyo",
                ["Tenants:acme:Odoo:ApiKey"] = "k",
                ["Tenants:acme:Certyo:BaseUrl"] = "http://127.0.0.1:9/",
                ["Tenants:acme:Certyo:ApiKey"] = "k",
                ["Tenants:acme:Certyo:TenantId"] = "acme",
                ["Tenants:acme:Webhook:Secret"] = Secret,
            }, "/health/live", TimeSpan.FromMinutes(1), cancellationToken: ct);

            // Native (?token=) first, then module-signed: both authenticated, parsed and appended before Kestrel listened.
            Assert.True(service.RecentOutput.Contains("Webhook intake warmed up before listening (statuses 202, 202)", StringComparison.Ordinal), service.RecentOutput);

            using var http = new HttpClient { BaseAddress = service.BaseAddress };
            http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
            var before = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), ct);
            Assert.DoesNotContain("certyo_odoo_notifications_received_total{", before, StringComparison.Ordinal);
            // (Routing's own match counter does count the two: it runs before any endpoint can say otherwise.)
            Assert.DoesNotContain(WebhookDurations(before), line => line.Length > 0);

            using (var response = await http.PostAsync(new Uri($"/webhooks/odoo/acme?token={Secret}", UriKind.Relative),
                new StringContent("{\"_id\":41,\"_model\":\"stock.picking\",\"_action\":\"Send Webhook Notification\"}", Encoding.UTF8, "application/json"), ct))
            {
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            // Folded in order: had the warm-up recorded its id 1, that row would be there before this one.
            var ids = Array.Empty<int>();
            await Eventually.WaitAsync(async () =>
            {
                var page = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/records?tenant=acme", UriKind.Relative), ct);
                ids = [.. page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("odooId").GetInt32())];
                return ids.Length > 0;
            }, TimeSpan.FromSeconds(20), () => Task.FromResult(service.RecentOutput));
            Assert.Equal([41], ids);

            await Eventually.WaitAsync(async () =>
            {
                var after = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), ct);
                return after.Contains("certyo_odoo_notifications_received_total{", StringComparison.Ordinal)
                    && WebhookDurations(after).Any();
            }, TimeSpan.FromSeconds(20), () => Task.FromResult("the real notification in /metrics"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static IEnumerable<string> WebhookDurations(string scrape) => scrape.Split('\n')
        .Where(l => l.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal) && l.Contains("/webhooks/odoo/", StringComparison.Ordinal));
}
