using System.Net;
using System.Text.Json.Nodes;
using CertyoOdoo.Testing;

namespace CertyoOdoo.Sandbox.Tests.Odoo;

/// <summary>ErrorRate, Latency, the call statistics and the start-time validation of the settings.</summary>
public sealed class ChaosTests
{
    [Fact]
    public async Task With_error_rate_one_every_call_fails_transiently()
    {
        await using var server = await SandboxServer.StartAsync(new Dictionary<string, string?> { ["Sandbox:Odoo:ErrorRate"] = "1" });
        using var odoo = new OdooRpcClient(server);
        var seen = new HashSet<string>();
        for (var i = 0; i < 30; i++)
        {
            using var response = await odoo.Http.PostAsync("jsonrpc", OdooRpcClient.Json("""{"jsonrpc": "2.0", "method": "call", "id": 1, "params": {"service": "common", "method": "version", "args": []}}"""));
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable)
            {
                Assert.Contains("<center>nginx</center>", text, StringComparison.Ordinal);
                seen.Add(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                Assert.Equal("psycopg2.errors.SerializationFailure", JsonNode.Parse(text)!["error"]!["data"]!["name"]!.GetValue<string>());
                seen.Add("serialization");
            }
        }

        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public async Task Latency_is_added_to_every_call_and_calls_are_counted()
    {
        await using var server = await SandboxServer.StartAsync(new Dictionary<string, string?> { ["Sandbox:Odoo:Latency"] = "00:00:00.200" });
        using var odoo = new OdooRpcClient(server);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await odoo.CallAsync("stock.picking", "search_count", [new JsonArray()]);
        await odoo.CallAsync("stock.picking", "search_count", [new JsonArray()]);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(400), $"two calls took {watch.Elapsed}");

        var stats = JsonNode.Parse(await odoo.Http.GetStringAsync("sandbox/odoo/stats"))!;
        Assert.Equal(2, stats["total"]!.GetValue<long>());
        Assert.Equal(2, stats["byProtocol"]!["jsonrpc"]!.GetValue<long>());
        Assert.Equal(2, stats["byMethod"]!["search_count"]!.GetValue<long>());
        using var reset = await odoo.Http.PostAsync("sandbox/odoo/stats/reset", null);
        Assert.Equal(0, JsonNode.Parse(await odoo.Http.GetStringAsync("sandbox/odoo/stats"))!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Bad_settings_stop_the_start_with_a_clear_message()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SandboxServer.StartAsync(new Dictionary<string, string?> { ["Sandbox:Odoo:Version"] = "15" }));
        Assert.Contains("Sandbox:Odoo:Version must be 16, 17, 18 or 19", error.Message, StringComparison.Ordinal);
        var native16 = await Assert.ThrowsAnyAsync<Exception>(() => SandboxServer.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:Odoo:Version"] = "16",
            ["Sandbox:Odoo:Webhooks:Url"] = "http://127.0.0.1:5000/webhooks/odoo/default?token=abc",
        }));
        Assert.Contains("Odoo 16 has no webhook action", native16.Message, StringComparison.Ordinal);
    }
}
