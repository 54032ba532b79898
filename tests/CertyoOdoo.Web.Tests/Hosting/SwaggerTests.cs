using System.Net;
using System.Text.Json.Nodes;
using CertyoOdoo.Web.Tests.Endpoints;

namespace CertyoOdoo.Web.Tests.Hosting;

[Collection(OpsGroup.Name)]
public sealed class SwaggerTests(OpsApp app)
{
    private static readonly string[] ApiOperations =
    [
        "GET /api/records",
        "GET /api/records/counts",
        "POST /api/records/retry",
        "GET /api/tenants/{tenant}/records/{model}/{id}",
        "POST /api/tenants/{tenant}/records/{model}/{id}/resync",
        "POST /api/tenants/{tenant}/records/{model}/{id}/verify",
        "GET /api/tenants/{tenant}/records/{model}/{id}/audit",
        "POST /api/tenants/{tenant}/backfill",
        "GET /api/backfills",
        "GET /api/backfills/{id}",
        "GET /api/tenants",
        "POST /api/tenants/{tenant}/odoo-fields",
    ];

    [Fact]
    public async Task Every_api_endpoint_is_documented_with_its_security_summary_and_responses()
    {
        var document = await GetDocumentAsync();
        var operations = Operations(document).Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)).ToList();

        Assert.Equal(ApiOperations.Order(StringComparer.Ordinal), operations.Select(o => $"{o.Method} {o.Path}").Order(StringComparer.Ordinal));
        Assert.All(operations, o =>
        {
            var name = $"{o.Method} {o.Path}";
            var security = o.Operation["security"]?.AsArray();
            Assert.True(security is { Count: 1 } && security[0]!.AsObject().ContainsKey("ApiKey"), $"{name} lacks the ApiKey requirement");
            Assert.False(string.IsNullOrWhiteSpace(o.Operation["summary"]?.GetValue<string>()), $"{name} lacks a summary");
            var responses = o.Operation["responses"]!.AsObject();
            Assert.True(responses.ContainsKey("401"), $"{name} does not document 401");
            Assert.True(responses.Any(r => r.Key.StartsWith('2')), $"{name} documents no success");
            Assert.NotEmpty(o.Operation["tags"]!.AsArray());
        });
    }

    [Fact]
    public async Task The_security_schemes_and_the_webhook_authentication_are_described()
    {
        var document = await GetDocumentAsync();
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("X-Api-Key", schemes["ApiKey"]!["name"]!.GetValue<string>());
        Assert.Equal("header", schemes["ApiKey"]!["in"]!.GetValue<string>());
        Assert.Equal("X-Certyo-Signature", schemes["WebhookSignature"]!["name"]!.GetValue<string>());
        Assert.Equal("query", schemes["WebhookToken"]!["in"]!.GetValue<string>());

        var webhook = Operations(document).Single(o => o.Path == "/webhooks/odoo/{tenant}").Operation;
        var alternatives = webhook["security"]!.AsArray().Select(s => s!.AsObject().Single().Key).ToList();
        Assert.Equal(["WebhookSignature", "WebhookToken"], alternatives);
        var parameters = webhook["parameters"]!.AsArray().Select(p => $"{p!["in"]}:{p["name"]}").ToList();
        Assert.Contains("header:X-Certyo-Timestamp", parameters);
        Assert.Contains("header:X-Certyo-Signature", parameters);
        Assert.Contains("query:token", parameters);
    }

    [Fact]
    public async Task Schemas_carry_examples_and_descriptions()
    {
        var document = await GetDocumentAsync();
        var record = document["components"]!["schemas"]!["ApiRecord"]!["properties"]!.AsObject();
        Assert.Equal("WH/OUT/00042", record["recordId"]!["example"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(record["status"]!["description"]?.GetValue<string>()));

        var list = Operations(document).Single(o => o.Method == "GET" && o.Path == "/api/records").Operation;
        var parameters = list["parameters"]!.AsArray();
        var status = parameters.SingleOrDefault(p => p!["name"]!.GetValue<string>() == "status");
        Assert.True(status is not null, parameters.ToJsonString());
        Assert.Equal("failed", status["example"]!.GetValue<string>());
        Assert.Contains("dead", status["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operations_endpoints_are_listed_too()
    {
        var document = await GetDocumentAsync();
        var paths = Operations(document).Select(o => $"{o.Method} {o.Path}").ToList();
        Assert.Contains("GET /health/live", paths);
        Assert.Contains("GET /health/ready", paths);
        Assert.Contains("GET /metrics", paths);
        Assert.Contains("GET /hangfire", paths);
    }

    [Fact]
    public async Task The_ui_is_served_at_swagger()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/swagger/index.html", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonNode> GetDocumentAsync()
    {
        using var client = app.CreateClient();
        return await client.GetJsonAsync("/swagger/v1/swagger.json");
    }

    private static IEnumerable<(string Method, string Path, JsonNode Operation)> Operations(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        from op in path.Value!.AsObject()
        where op.Key is "get" or "post" or "put" or "delete" or "patch"
        select (op.Key.ToUpperInvariant(), path.Key, op.Value!);
}
