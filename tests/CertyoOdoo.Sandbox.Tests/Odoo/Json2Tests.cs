using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CertyoOdoo.Testing;

namespace CertyoOdoo.Sandbox.Tests.Odoo;

/// <summary>JSON-2 on 19: statuses and bodies from odoo-notes.md beyond the recorded pairs; absent on 17.</summary>
public sealed class Json2Tests : IAsyncLifetime
{
    private SandboxServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new Dictionary<string, string?> { ["Sandbox:Odoo:Version"] = "19" });
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("stock.picking/search", """{"domain": []}""", "admin", "demo", 200, null)]
    [InlineData("stock.picking/search", """{"domain": []}""", null, "demo", 401, "werkzeug.exceptions.Unauthorized")]
    [InlineData("stock.picking/search", """{"domain": [], "ids": [1]}""", "admin", "demo", 422, "werkzeug.exceptions.UnprocessableEntity")]
    [InlineData("stock.picking/search", """{"domain": [], "no_such_arg": 1}""", "admin", "demo", 422, "werkzeug.exceptions.UnprocessableEntity")]
    [InlineData("stock.picking/_compute_state", """{"ids": [1]}""", "admin", "demo", 403, "odoo.exceptions.AccessError")]
    [InlineData("stock.picking/no_such_method", """{"ids": [1]}""", "admin", "demo", 404, "werkzeug.exceptions.NotFound")]
    [InlineData("stock.picking/search", """{"domain": [""", "admin", "demo", 400, "werkzeug.exceptions.BadRequest")]
    [InlineData("stock.picking/search", """{"domain": []}""", "admin", "nodb", 404, null)]
    [InlineData("stock.picking/search_count", """{"domain": [["state", "=", "done"]]}""", "admin", null, 200, null)]
    public async Task Answers_with_the_documented_status(string path, string body, string? key, string? database, int status, string? name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"json/2/{path}") { Content = OdooRpcClient.Json(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("bearer", key);
        }

        if (database is not null)
        {
            request.Headers.Add("X-Odoo-Database", database);
        }

        using var response = await _http.SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        if (name is not null)
        {
            var error = JsonNode.Parse(text)!.AsObject();
            Assert.Equal(name, error["name"]!.GetValue<string>());
            Assert.Equal(["name", "message", "arguments", "context", "debug"], error.Select(p => p.Key));
        }
        else if (status == 404)
        {
            Assert.StartsWith("<!doctype html>", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_json_content_type_the_answer_is_415_html()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "json/2/stock.picking/search") { Content = new StringContent("""{"domain": []}""") };
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", "admin");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_business_rule_is_a_422_user_error()
    {
        using var odoo = new OdooRpcClient(_server);
        var done = (await odoo.SearchAsync("stock.picking", [new JsonArray("state", "=", "done")]))[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, "json/2/stock.picking/unlink") { Content = OdooRpcClient.Json($$"""{"ids": [{{done}}]}""") };
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", "admin");
        using var response = await _http.SendAsync(request);
        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal("odoo.exceptions.UserError", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Older_series_have_no_json2()
    {
        await using var server = await SandboxServer.StartAsync(new Dictionary<string, string?> { ["Sandbox:Odoo:Version"] = "17" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "json/2/stock.picking/search") { Content = OdooRpcClient.Json("""{"domain": []}""") };
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", "admin");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var version = await http.GetAsync("web/version");
        Assert.Equal(HttpStatusCode.NotFound, version.StatusCode);
    }
}
