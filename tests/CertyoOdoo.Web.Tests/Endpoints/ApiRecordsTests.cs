using System.Net;
using CertyoOdoo.Web.Tests.Hosting;

namespace CertyoOdoo.Web.Tests.Endpoints;

/// <summary>One record: read with history, resync, verify now, retry. Each test uses its own Odoo ids.</summary>
[Collection(OpsGroup.Name)]
public sealed class ApiRecordsTests(OpsApp app)
{
    private const string Picking = "stock.picking";
    private static readonly string[] FailedAndDead = ["failed", "dead"];
    private static readonly string[] Anchored = ["anchored"];
    private static readonly DateTime Written = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Resync_creates_the_row_and_the_record_reaches_ingested_with_its_history()
    {
        app.Fakes.Odoo.PutPicking(1001, "WH/OUT/1001", Written);
        using var client = app.CreateApiClient();

        var (response, body) = await client.PostJsonAsync(ApiTestHelpers.RecordPath(Picking, 1001, tenant: "ACME") + "/resync");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(ApiTestHelpers.RecordPath(Picking, 1001), response.Headers.Location?.OriginalString);
        Assert.Equal("acme", body!["tenant"]!.GetValue<string>());
        Assert.Equal(1001, body["odooId"]!.GetValue<int>());

        var details = await client.WaitForStatusAsync(Picking, 1001, "ingested");
        var record = details["record"]!;
        Assert.Equal("WH/OUT/1001", record["recordId"]!.GetValue<string>());
        Assert.Equal(1, record["version"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(record["recordHash"]!.GetValue<string>()));
        var history = details["history"]!.AsArray().Select(h => h!["to"]!.GetValue<string>()).ToList();
        Assert.Equal("pending", history[0]);
        Assert.Equal("ingested", history[^1]);
    }

    [Fact]
    public async Task Resync_of_an_unchanged_record_sends_nothing_new_and_a_changed_one_goes_as_version_2()
    {
        app.Fakes.Odoo.PutPicking(1101, "WH/OUT/1101", Written);
        using var client = app.CreateApiClient();
        await client.PostJsonAsync(ApiTestHelpers.RecordPath(Picking, 1101) + "/resync");
        var first = (await client.WaitForStatusAsync(Picking, 1101, "ingested"))["record"]!;

        app.Fakes.Odoo.PutPicking(1101, "WH/OUT/1101", Written.AddHours(1), quantity: 6);
        var (response, _) = await client.PostJsonAsync(ApiTestHelpers.RecordPath(Picking, 1101) + "/resync");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var second = await ApiTestHelpers.WaitForAsync(async () =>
        {
            var d = await client.GetJsonAsync(ApiTestHelpers.RecordPath(Picking, 1101));
            return d["record"]!["version"]!.GetValue<int>() == 2 ? d["record"] : null;
        }, "version 2");
        Assert.NotEqual(first["payloadHash"]!.GetValue<string>(), second["payloadHash"]!.GetValue<string>());
        Assert.Equal("stock.picking:WH/OUT/1101:v2", second["idempotencyKey"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("nobody", Picking, "Unknown tenant")]
    [InlineData("acme", "res.partner", "Model not anchored")]
    public async Task Resync_names_what_is_unknown(string tenant, string model, string title)
    {
        using var client = app.CreateApiClient();
        var (response, body) = await client.PostJsonAsync(ApiTestHelpers.RecordPath(model, 1, tenant) + "/resync");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, body!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_record_is_404_problem()
    {
        using var client = app.CreateApiClient();
        var problem = await client.GetJsonAsync(ApiTestHelpers.RecordPath(Picking, 999_999), HttpStatusCode.NotFound);
        Assert.Equal("Unknown record", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Verify_now_makes_an_ingested_record_verified_without_waiting_for_its_backoff()
    {
        app.Fakes.Odoo.PutPicking(4001, "WH/OUT/4001", Written);
        using var client = app.CreateApiClient();
        await client.PostJsonAsync(ApiTestHelpers.RecordPath(Picking, 4001) + "/resync");
        var ingested = (await client.WaitForStatusAsync(Picking, 4001, "ingested"))["record"]!;
        // The first verification is an hour away in this host's configuration.
        Assert.True(ingested["verifyDueAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(30));

        app.Fakes.Certyo.Anchored["WH/OUT/4001"] = true;
        var (response, body) = await client.PostJsonAsync(ApiTestHelpers.RecordPath(Picking, 4001) + "/verify");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ingested", body!["status"]!.GetValue<string>());
        var anchored = (await client.WaitForStatusAsync(Picking, 4001, "anchored"))["record"]!;
        Assert.NotNull(anchored["anchoredAt"]);
    }

    [Fact]
    public async Task Verify_now_on_a_record_not_awaiting_its_anchor_is_409()
    {
        app.Fakes.Odoo.PutPicking(4101, "WH/OUT/4101", Written);
        app.Fakes.Certyo.Refuse["WH/OUT/4101"] = true;
        using var client = app.CreateApiClient();
        await client.PostJsonAsync(ApiTestHelpers.RecordPath(Picking, 4101) + "/resync");
        await client.WaitForStatusAsync(Picking, 4101, "failed", "dead");

        var (response, body) = await client.PostJsonAsync(ApiTestHelpers.RecordPath(Picking, 4101) + "/verify");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("only ingested", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_puts_failed_and_dead_rows_back_and_they_complete()
    {
        app.Fakes.Odoo.PutPicking(3001, "WH/OUT/3001", Written);
        app.Fakes.Certyo.Refuse["WH/OUT/3001"] = true;
        using var client = app.CreateApiClient();
        await client.PostJsonAsync(ApiTestHelpers.RecordPath(Picking, 3001) + "/resync");
        var failed = (await client.WaitForStatusAsync(Picking, 3001, "failed", "dead"))["record"]!;
        Assert.Contains("refused", failed["lastError"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);

        app.Fakes.Certyo.Refuse.TryRemove("WH/OUT/3001", out _);
        var (response, body) = await client.PostJsonAsync("/api/records/retry", new { tenant = "acme", model = Picking, statuses = FailedAndDead });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body!["count"]!.GetValue<int>() >= 1);
        var details = await client.WaitForStatusAsync(Picking, 3001, "ingested");
        var transitions = details["history"]!.AsArray().Select(h => $"{h!["from"]?.GetValue<string>()}>{h["to"]!.GetValue<string>()}").ToList();
        Assert.Contains(transitions, t => t is "failed>pending" or "dead>pending");
    }

    [Fact]
    public async Task Retry_refuses_statuses_that_cannot_be_retried()
    {
        using var client = app.CreateApiClient();
        var (response, body) = await client.PostJsonAsync("/api/records/retry", new { statuses = Anchored, tenant = "nobody" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = body!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("statuses"));
        Assert.True(errors.ContainsKey("tenant"));
    }
}
