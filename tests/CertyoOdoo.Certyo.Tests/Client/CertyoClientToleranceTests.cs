using System.Text.Json;
using CertyoOdoo.Certyo.Client;
using CertyoOdoo.Certyo.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static CertyoOdoo.Certyo.Tests.Client.ClientTestKit;

namespace CertyoOdoo.Certyo.Tests.Client;

/// <summary>
/// The real Certyo may answer with more or fewer fields than the sandbox: a loopback server answering in other
/// shapes (extra fields, missing optional ones, wrapped lists, other problem formats) stands in for it.
/// </summary>
public sealed class CertyoClientToleranceTests
{
    [Fact]
    public async Task Extra_and_missing_optional_fields_and_wrapped_lists_are_tolerated()
    {
        await using var app = await StartAsync(app =>
        {
            app.MapPost("/api/v1/records", () => Results.Json(new { recordHash = "ab", acceptedAt = "2026-12-03T10:00:00Z", batchId = "x", extra = new { nested = 1 } }, statusCode: 202));
            app.MapPost("/api/v1/records/bulk", async (HttpRequest request) =>
            {
                var records = await JsonSerializer.DeserializeAsync<JsonElement[]>(request.Body);
                return Results.Json(new { results = records!.Select(r => new { recordId = r.GetProperty("recordId").GetString(), recordHash = "cd", status = "queued" }) }, statusCode: 202);
            });
            app.MapPost("/api/v1/verify/record", () => Results.Json(new { verified = true, chain = "polygon" }));
            app.MapGet("/api/v1/records", () => Results.Json(new { total = 1, items = new[] { new { recordId = "R1", recordHash = "ef", tenantId = "t1", unknown = true } } }));
        });
        var client = Client(app);

        var one = await client.IngestAsync(Record(1));
        Assert.Equal(("WH/OUT/00001", "t1", "ab", false), (one.RecordId, one.TenantId, one.RecordHash, one.IdempotencyReplayed));

        var bulk = await client.IngestBulkAsync([Record(1), Record(2)]);
        Assert.Equal(["WH/OUT/00001", "WH/OUT/00002"], bulk.Select(r => r.RecordId));

        var verify = await client.VerifyAsync(new VerifyRequest("t1", "odoo", "stock.picking", "R1"));
        Assert.True(verify!.Verified);
        Assert.Null(verify.MerkleRoot);

        var stored = Assert.Single(await client.QueryAsync(new CertyoQuery("t1")));
        Assert.Equal(("R1", "ef"), (stored.RecordId, stored.RecordHash));
    }

    [Fact]
    public async Task A_bulk_answer_that_does_not_match_the_request_is_an_error()
    {
        await using var app = await StartAsync(app =>
            app.MapPost("/api/v1/records/bulk", () => Results.Json(new[] { new { recordId = "other", recordHash = "x" } }, statusCode: 202)));
        var client = Client(app);

        var error = await Assert.ThrowsAsync<CertyoException>(() => client.IngestBulkAsync([Record(1)]));
        Assert.Contains("expected 'WH/OUT/00001'", error.Message, StringComparison.Ordinal);

        var count = await Assert.ThrowsAsync<CertyoException>(() => client.IngestBulkAsync([Record(1), Record(2)]));
        Assert.Contains("1 results for a bulk of 2", count.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problem_errors_as_an_array_of_indexes_name_the_records_and_the_key_is_scrubbed()
    {
        await using var app = await StartAsync(app =>
            app.MapPost("/api/v1/records/bulk", (HttpRequest request) => Results.Json(
                new { title = "Bad", detail = $"key {request.Headers["X-API-Key"]} ok?", errors = new object[] { new { index = 1, message = "recordId too long" }, 0 } },
                statusCode: 400, contentType: "application/problem+json")));
        var client = Client(app);

        var error = await Assert.ThrowsAsync<CertyoValidationException>(() => client.IngestBulkAsync([Record(1), Record(2), Record(3)]));

        Assert.Equal([0, 1], error.FailedRecords.Keys.Order());
        Assert.Equal("recordId too long", error.FailureReasons[1]);
        Assert.DoesNotContain(ApiKey, error.Message, StringComparison.Ordinal);
        Assert.Contains("***", error.Message, StringComparison.Ordinal);
    }

    private static CertyoClient Client(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var options = new CertyoClientOptions { BaseUrl = new Uri(address), ApiKey = ApiKey, MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1) };
        return new CertyoClient(new HttpClient(), options, TimeProvider.System, new ListLogger<CertyoClient>());
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }
}
