using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CertyoOdoo.Web.Intake;
using CertyoOdoo.Web.Ledger;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CertyoOdoo.Web.Tests.Endpoints;

/// <summary>The intake endpoint in the real app (jobs off): answers, and what reaches the ledger.</summary>
public sealed class WebhookEndpointTests : IAsyncLifetime
{
    private const string Secret = "endpoint-test-secret-0123456789";
    private readonly string _dir = Directory.CreateTempSubdirectory("certyo-intake-").FullName;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Jobs:ProcessJobs", "false");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Storage:SqlitePath", Path.Combine(_dir, "ledger.db"));
            b.UseSetting("Storage:HangfireSqlitePath", Path.Combine(_dir, "hangfire.db"));
            foreach (var (tenant, secret) in new[] { ("acme", Secret), ("polled", "") })
            {
                b.UseSetting($"Tenants:{tenant}:Odoo:Url", "http://127.0.0.1:9/");
                b.UseSetting($"Tenants:{tenant}:Odoo:Database", "prod");
                b.UseSetting($"Tenants:{tenant}:Odoo:Login", "certyo");
                b.UseSetting($"Tenants:{tenant}:Odoo:ApiKey", "k");
                b.UseSetting($"Tenants:{tenant}:Certyo:BaseUrl", "http://127.0.0.1:9/");
                b.UseSetting($"Tenants:{tenant}:Certyo:ApiKey", "k");
                b.UseSetting($"Tenants:{tenant}:Certyo:TenantId", tenant);
                b.UseSetting($"Tenants:{tenant}:Webhook:Secret", secret);
            }
        });
        _http = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<HttpResponseMessage> Native(string json, string tenant = "acme", string? token = Secret) =>
        _http.PostAsync(new Uri($"/webhooks/odoo/{tenant}" + (token is null ? "" : $"?token={Uri.EscapeDataString(token)}"), UriKind.Relative),
            new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> Signed(string json, DateTimeOffset at, string secret = Secret)
    {
        var ts = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var content = new StringContent(json, Encoding.UTF8, "application/json");
        content.Headers.Add(WebhookAuthenticator.TimestampHeader, ts);
        content.Headers.Add(WebhookAuthenticator.SignatureHeader, WebhookAuthenticator.SignatureFor(secret, ts, Encoding.UTF8.GetBytes(json)));
        return _http.PostAsync(new Uri("/webhooks/odoo/acme", UriKind.Relative), content);
    }

    private static async Task<(HttpStatusCode Status, string? Detail, string? ContentType)> Problem(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        var detail = body.Length > 0 && body[0] == '{' ? JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null : null;
        return (response.StatusCode, detail, response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<long> RowsAsync() =>
        (await _factory.Services.GetRequiredService<ILedgerAdmin>().ListAsync(new LedgerQuery(Tenant: "acme"), default)).Total;

    /// <summary>The 202 means "in the inbox"; the ledger rows follow when the inbox is folded, right after.</summary>
    private async Task<long> FoldedRowsAsync()
    {
        var inbox = _factory.Services.GetRequiredService<NotificationInbox>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await inbox.CountAsync(default) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, await inbox.CountAsync(default));
        return await RowsAsync();
    }

    [Fact]
    public async Task A_native_notification_is_recorded_once_however_often_it_comes()
    {
        for (var i = 0; i < 4; i++)
        {
            using var r = await Native("{\"_action\":\"Send Webhook Notification(#338)\",\"_id\":6,\"_model\":\"stock.picking\",\"state\":\"done\",\"id\":6}");
            Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        }

        Assert.Equal(1, await FoldedRowsAsync());
        var row = await _factory.Services.GetRequiredService<ILedgerAdmin>().FindAsync("acme", "stock.picking", 6, default);
        Assert.Equal((LedgerStatus.Pending, false), (row!.Status, row.Recheck));
        var history = (await _factory.Services.GetRequiredService<ILedgerAdmin>().GetAsync(row.Id, default))!.History;
        Assert.Equal("notified (native)", Assert.Single(history).Detail);
    }

    [Fact]
    public async Task A_signed_module_notification_is_accepted_in_any_tenant_spelling()
    {
        using var r = await Signed("{\"db\":\"prod\",\"model\":\"mrp.production\",\"ids\":[3,4],\"event\":\"done\"}", DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        using var again = await Native("{\"_id\":5,\"_model\":\"mrp.production\"}", tenant: "ACME");
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(3, await FoldedRowsAsync());
    }

    [Fact]
    public async Task Forged_stale_and_missing_authentication_are_401()
    {
        const string body = "{\"db\":\"prod\",\"model\":\"stock.picking\",\"ids\":[1]}";
        Assert.Equal(HttpStatusCode.Unauthorized, (await Problem(Signed(body, DateTimeOffset.UtcNow, secret: "forged-secret-0123456789"))).Status);
        var stale = await Problem(Signed(body, DateTimeOffset.UtcNow.AddMinutes(-6)));
        Assert.Equal((HttpStatusCode.Unauthorized, "application/problem+json"), (stale.Status, stale.ContentType));
        Assert.Contains("older than 5 minutes", stale.Detail);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Problem(Native("{\"_id\":6,\"_model\":\"stock.picking\"}", token: "wrong"))).Status);
        Assert.Contains("Missing authentication", (await Problem(Native("{\"_id\":6,\"_model\":\"stock.picking\"}", token: null))).Detail);
        Assert.Contains("polled only", (await Problem(Native("{\"_id\":6,\"_model\":\"stock.picking\"}", tenant: "polled", token: "x"))).Detail);
        Assert.Equal(0, await RowsAsync());
    }

    [Fact]
    public async Task Bad_bodies_are_400_problems_naming_what_is_wrong()
    {
        var cases = new Dictionary<string, string>
        {
            ["{not json"] = "not valid JSON",
            ["{\"_model\":\"stock.picking\"}"] = "_id is missing",
            ["{\"_id\":6}"] = "_model is missing",
            ["{\"_id\":6,\"_model\":\"sale.order\"}"] = "does not anchor 'sale.order'",
            ["{\"_id\":6,\"_model\":\"stock.lot\"}"] = "does not anchor 'stock.lot'",
        };
        foreach (var (body, expected) in cases)
        {
            var (status, detail, type) = await Problem(Native(body));
            Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (status, type));
            Assert.Contains(expected, detail);
        }

        var wrongDb = await Problem(Signed("{\"db\":\"other\",\"model\":\"stock.picking\",\"ids\":[1]}", DateTimeOffset.UtcNow));
        Assert.Contains("db 'other' is not the Odoo database", wrongDb.Detail);
        Assert.Equal(0, await RowsAsync());
    }

    [Fact]
    public async Task Unknown_tenant_is_404_and_big_bodies_413()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Problem(Native("{\"_id\":6,\"_model\":\"stock.picking\"}", tenant: "nobody"))).Status);
        var big = "{\"_id\":6,\"_model\":\"stock.picking\",\"pad\":\"" + new string('x', 65 * 1024) + "\"}";
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Problem(Native(big))).Status);
        Assert.Equal(0, await RowsAsync());
    }
}
