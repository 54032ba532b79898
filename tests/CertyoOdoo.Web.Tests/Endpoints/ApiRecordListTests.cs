using System.Net;
using CertyoOdoo.Web.Tests.Hosting;

namespace CertyoOdoo.Web.Tests.Endpoints;

[Collection(OpsGroup.Name)]
public sealed class ApiRecordListTests(OpsApp app)
{
    private const string Picking = "stock.picking";

    [Fact]
    public async Task Listing_filters_and_pages_without_gaps_or_repeats()
    {
        var start = DateTimeOffset.UtcNow;
        using var client = app.CreateApiClient();
        var ids = Enumerable.Range(2001, 5).ToList();
        foreach (var id in ids)
        {
            app.Fakes.Odoo.PutPicking(id, $"WH/OUT/{id}", new DateTime(2026, 12, 2, 8, 0, 0, DateTimeKind.Utc));
            await client.PostJsonAsync(ApiTestHelpers.RecordPath(Picking, id) + "/resync");
        }

        foreach (var id in ids)
        {
            await client.WaitForStatusAsync(Picking, id, "ingested");
        }

        // Rows created since this test began are this test's rows (tests of the collection run one at a time).
        var filter = $"tenant=acme&model={Picking}&dateField=created&from={Uri.EscapeDataString(start.ToString("O"))}";
        var seen = new List<int>();
        for (var page = 1; page <= 3; page++)
        {
            var body = await client.GetJsonAsync($"/api/records?{filter}&status=ingested&page={page}&pageSize=2");
            Assert.Equal(5, body["total"]!.GetValue<long>());
            Assert.Equal(page, body["page"]!.GetValue<int>());
            Assert.Equal(2, body["pageSize"]!.GetValue<int>());
            var items = body["items"]!.AsArray();
            Assert.Equal(page < 3 ? 2 : 1, items.Count);
            Assert.All(items, i =>
            {
                Assert.Equal("acme", i!["tenant"]!.GetValue<string>());
                Assert.Equal("ingested", i["status"]!.GetValue<string>());
            });
            seen.AddRange(items.Select(i => i!["odooId"]!.GetValue<int>()));
        }

        Assert.Equal(ids, seen.Order());

        var one = await client.GetJsonAsync("/api/records?tenant=acme&recordId=" + Uri.EscapeDataString("WH/OUT/2003"));
        Assert.Equal(2003, Assert.Single(one["items"]!.AsArray())!["odooId"]!.GetValue<int>());

        var none = await client.GetJsonAsync($"/api/records?{filter}&status=dead");
        Assert.True(none["total"]!.GetValue<long>() == 0, none.ToJsonString());
    }

    [Fact]
    public async Task Invalid_filters_are_a_validation_problem_naming_each_field()
    {
        using var client = app.CreateApiClient();
        using var response = await client.GetAsync(new Uri(
            "/api/records?status=lost&model=res.partner&tenant=nobody&pageSize=501&page=0&dateField=someday&from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z",
            UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal(["dateField", "model", "page", "pageSize", "status", "tenant", "to"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_malformed_number_or_date_is_a_400_problem()
    {
        using var client = app.CreateApiClient();
        foreach (var query in new[] { "page=abc", "from=yesterday" })
        {
            using var response = await client.GetAsync(new Uri("/api/records?" + query, UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Counts_give_every_status()
    {
        using var client = app.CreateApiClient();
        var body = await client.GetJsonAsync("/api/records/counts?tenant=ACME");

        Assert.Equal("acme", body["tenant"]!.GetValue<string>());
        Assert.Equal(["anchored", "dead", "failed", "ingested", "pending", "skipped"], body["counts"]!.AsObject().Select(c => c.Key).Order(StringComparer.Ordinal));
    }
}
