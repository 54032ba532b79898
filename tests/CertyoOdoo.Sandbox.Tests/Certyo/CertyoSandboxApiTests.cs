using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertyoOdoo.Testing;
using static CertyoOdoo.Sandbox.Tests.Certyo.SandboxHttp;

namespace CertyoOdoo.Sandbox.Tests.Certyo;

/// <summary>The four endpoints' answers as certyo-api.md fixes them.</summary>
public sealed class CertyoSandboxApiTests
{
    [Fact]
    public async Task An_invalid_record_gets_400_problem_json_naming_the_fields()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        using var http = new SandboxHttp(sandbox);

        using var response = await http.PostAsync("api/v1/records", """{"tenantId":"t1","database":"","collection":"c","recordPayload":[1],"operationType":"merge","sourceTimestamp":"yesterday"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var keys = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.Equal(["database", "operationType", "recordId", "recordPayload", "sourceTimestamp"], keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task A_missing_or_wrong_key_gets_401(string? key)
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        using var http = new SandboxHttp(sandbox, key);

        using var response = await http.PostAsync("api/v1/records", Record(1));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, (await ProblemAsync(response)).GetProperty("status").GetInt32());
        Assert.Equal(0, (await http.StatsAsync()).GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task Configured_keys_replace_the_default_key()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings(("Sandbox:ApiKeys:0", "k1"), ("Sandbox:ApiKeys:1", "k2")));
        using var k2 = new SandboxHttp(sandbox, "k2");
        using var old = new SandboxHttp(sandbox);

        Assert.Equal(HttpStatusCode.Accepted, (await k2.PostAsync("api/v1/records", Record(1))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.PostAsync("api/v1/records", Record(2))).StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task A_bulk_empty_or_over_1000_gets_400(int count)
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        using var http = new SandboxHttp(sandbox);

        using var response = await http.PostAsync("api/v1/records/bulk", "[" + string.Join(",", Enumerable.Range(0, count).Select(i => Record(i))) + "]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await http.StatsAsync()).GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task A_bulk_with_one_invalid_element_stores_nothing_and_names_its_index()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        using var http = new SandboxHttp(sandbox);
        var bad = """{"tenantId":"t1","database":"odoo","collection":"c","recordPayload":{}}""";

        using var response = await http.PostAsync("api/v1/records/bulk", $"[{Record(0)},{bad},{Record(2)}]");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response)).GetProperty("errors");
        Assert.Equal(["[1].recordId"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, (await http.StatsAsync()).GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task Bulk_applies_idempotency_per_element_and_all_or_nothing()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        using var http = new SandboxHttp(sandbox);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("api/v1/records", Record(1))).StatusCode);

        using var mixed = await http.PostAsync("api/v1/records/bulk", $"[{Record(0)},{Record(1)},{Record(0)}]");
        Assert.Equal(HttpStatusCode.Accepted, mixed.StatusCode);
        var results = await mixed.Content.ReadFromJsonAsync<JsonElement[]>();
        Assert.Equal([false, true, true], results!.Select(r => r.GetProperty("idempotencyReplayed").GetBoolean()));
        Assert.Equal(["MO/00000", "MO/00001", "MO/00000"], results!.Select(r => r.GetProperty("recordId").GetString()));

        using var conflict = await http.PostAsync("api/v1/records/bulk", $"[{Record(5)},{Record(1, extra: ",\"x\":1")}]");
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(["[1].idempotencyKey"], (await ProblemAsync(conflict)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, (await http.StatsAsync()).GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task An_idempotency_key_is_forgotten_after_its_retention()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings(("Sandbox:IdempotencyRetention", "00:00:00.300")));
        using var http = new SandboxHttp(sandbox);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("api/v1/records", Record(1))).StatusCode);

        var answer = await EventuallyAsync(
            async () => await (await http.PostAsync("api/v1/records", Record(1))).Content.ReadFromJsonAsync<JsonElement>(),
            a => !a.GetProperty("idempotencyReplayed").GetBoolean(),
            TimeSpan.FromSeconds(10));

        Assert.False(answer.GetProperty("idempotencyReplayed").GetBoolean());
        var stats = await http.StatsAsync();
        Assert.Equal(2, stats.GetProperty("records").GetInt64());
        Assert.Equal(1, stats.GetProperty("duplicates").GetInt64());
    }

    [Fact]
    public async Task Bodies_over_the_limits_get_413()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        using var http = new SandboxHttp(sandbox);
        var almostMiB = new string('x', 1000 * 1024);
        var overMiB = new string('x', 1024 * 1024 + 1);

        using var one = await http.PostAsync("api/v1/records", Record(1, extra: $",\"blob\":\"{overMiB}\""));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, one.StatusCode);

        using var element = await http.PostAsync("api/v1/records/bulk", $"[{Record(1)},{Record(2, extra: $",\"blob\":\"{overMiB}\"")}]");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, element.StatusCode);
        Assert.Equal(["[1]"], (await ProblemAsync(element)).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        using var body = await http.PostAsync("api/v1/records/bulk", "[" + string.Join(",", Enumerable.Range(0, 11).Select(i => Record(i, extra: $",\"blob\":\"{almostMiB}\""))) + "]");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, body.StatusCode);
        Assert.Equal(0, (await http.StatsAsync()).GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task Query_filters_and_needs_a_tenant()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        using var http = new SandboxHttp(sandbox);
        await http.PostAsync("api/v1/records/bulk", $"[{Record(0)},{Record(1)},{Record(2, "t2")}]");

        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("api/v1/records")).StatusCode);
        var all = await (await http.GetAsync("api/v1/records?tenantId=t1")).Content.ReadFromJsonAsync<JsonElement[]>();
        Assert.Equal(["MO/00000", "MO/00001"], all!.Select(r => r.GetProperty("recordId").GetString()));
        var one = await (await http.GetAsync("api/v1/records?tenantId=t1&recordId=MO%2F00001")).Content.ReadFromJsonAsync<JsonElement[]>();
        Assert.Equal("pending", Assert.Single(one!).GetProperty("status").GetString());
        Assert.Equal(1, one![0].GetProperty("recordPayload").GetProperty("qty").GetInt32());
    }

    [Fact]
    public async Task Verify_of_an_unknown_record_is_404()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        using var http = new SandboxHttp(sandbox);

        using var response = await http.PostAsync("api/v1/verify/record", """{"tenantId":"t1","database":"odoo","collection":"c","recordId":"nope"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Swagger_documents_the_certyo_and_sandbox_endpoints()
    {
        await using var sandbox = await SandboxServer.StartAsync(Settings());
        using var http = new SandboxHttp(sandbox);

        var doc = await (await http.GetAsync("swagger/v1/swagger.json")).Content.ReadAsStringAsync();

        Assert.Contains("/api/v1/records/bulk", doc, StringComparison.Ordinal);
        Assert.Contains("/sandbox/certyo/stats", doc, StringComparison.Ordinal);
        Assert.Contains("\"Certyo\"", doc, StringComparison.Ordinal);
        Assert.Contains("\"Sandbox\"", doc, StringComparison.Ordinal);
        Assert.Contains("Ingest up to 1,000 records", doc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_settings_stop_the_start()
    {
        await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => SandboxServer.StartAsync(Settings(("Sandbox:Faults:ErrorRate", "2"))));
    }
}
