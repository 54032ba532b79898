using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CertyoOdoo.Testing;

namespace CertyoOdoo.Sandbox.Tests.Odoo;

/// <summary>
/// Notifications as real Odoo sends them: native webhooks (17: four posts with intermediate values,
/// 18/19: one stale post; inside the transaction on 17/18, after it on 19) and the module's signed
/// post after commit. A receiver re-reads the record while each notification arrives.
/// </summary>
public sealed class WebhookTests
{
    [Theory]
    [InlineData(17, "assigned")]
    [InlineData(18, "assigned")]
    [InlineData(19, "done")]
    public async Task Native_webhook_posts_like_the_recorded_series(int version, string stateSeenByReceiver)
    {
        // The recording (webhook-native-on_state_set-done.jsonl) gives the posts per record, the action and the headers.
        var recorded = File.ReadAllLines(OdooFixtures.PathOf($"{version}.0", "webhook-native-on_state_set-done.jsonl"))
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var recordedBodies = recorded.Select(r => JsonNode.Parse(r["body"]!.GetValue<string>())!.AsObject()).ToList();
        var posts = recordedBodies.Count(b => b["_id"]!.GetValue<int>() == recordedBodies[0]["_id"]!.GetValue<int>());
        var action = recordedBodies[0]["_action"]!.GetValue<string>();
        var recordedKeys = recordedBodies[0].Select(p => p.Key).ToList();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(version, receiver, "native");
        using var odoo = new OdooRpcClient(server);
        var id = await ReadyDeliveryAsync(odoo);
        receiver.Probe = async _ => (await odoo.RecordAsync("stock.picking", id))["state"]!.GetValue<string>();
        var oldDate = (await odoo.RecordAsync("stock.picking", id))["date_done"]!.ToString();

        await ValidateAsync(odoo, id);

        var received = receiver.Received.ToList();
        Assert.Equal(posts, received.Count);
        var newDate = (await odoo.RecordAsync("stock.picking", id))["date_done"]!.GetValue<string>();
        for (var i = 0; i < received.Count; i++)
        {
            var post = received[i];
            Assert.Equal("/webhooks/odoo/default?token=abc", post.PathAndQuery);
            foreach (var header in new[] { "User-Agent", "Content-Type", "Accept", "Accept-Encoding" })
            {
                Assert.Equal(recorded[0]["headers"]![header]!.GetValue<string>(), post.Headers[header]);
            }

            Assert.False(post.Headers.ContainsKey("X-Certyo-Signature"));
            Assert.Equal(stateSeenByReceiver, post.Probed);
            var body = JsonNode.Parse(post.Body)!.AsObject();
            Assert.Equal(recordedKeys, body.Select(p => p.Key));
            Assert.Equal(action, body["_action"]!.GetValue<string>());
            Assert.Equal(id, body["_id"]!.GetValue<int>());
            Assert.Equal("stock.picking", body["_model"]!.GetValue<string>());
            Assert.Equal("done", body["state"]!.GetValue<string>());
            // 17: the first two carry the old date, the last two the new one; 18/19: the old one.
            var date = body["date_done"]!.ToString();
            if (version == 17 && i >= 2)
            {
                Assert.Equal(newDate, date);
            }
            else
            {
                Assert.StartsWith(oldDate == "false" ? "false" : oldDate, date, StringComparison.Ordinal);
            }
        }

        Assert.StartsWith("{\"_action\": ", received[0].Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(19)]
    public async Task Module_style_posts_once_per_transaction_signed_and_after_commit(int version)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(version, receiver, "module");
        using var odoo = new OdooRpcClient(server);
        var ids = (await odoo.SearchAsync("stock.picking", [new JsonArray("state", "=", "assigned")])).Take(2).Order().ToList();
        receiver.Probe = async _ => (await odoo.RecordAsync("stock.picking", ids[1]))["state"]!.GetValue<string>();

        await ValidateAsync(odoo, [.. ids]);

        var post = Assert.Single(receiver.Received);
        Assert.Equal("done", post.Probed);
        var timestamp = post.Headers["X-Certyo-Timestamp"];
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes($"{timestamp}.{post.Body}")));
        Assert.Equal($"sha256={expected}", post.Headers["X-Certyo-Signature"]);
        Assert.InRange(long.Parse(timestamp, CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        var body = JsonNode.Parse(post.Body)!.AsObject();
        Assert.StartsWith("{\"db\":\"demo\",\"model\":", post.Body, StringComparison.Ordinal);
        Assert.Equal(["db", "model", "ids", "event", "sent_at"], body.Select(p => p.Key));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body["sent_at"]!.GetValue<string>());
        Assert.Equal("demo", body["db"]!.GetValue<string>());
        Assert.Equal("stock.picking", body["model"]!.GetValue<string>());
        Assert.Equal(ids, body["ids"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal("done", body["event"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rolled_back_validation_on_17_has_already_sent_its_native_webhooks()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(17, receiver, "native", ("Sandbox:Odoo:Webhooks:RollbackRate", "1"));
        using var odoo = new OdooRpcClient(server);
        var id = await ReadyDeliveryAsync(odoo);

        var error = await Assert.ThrowsAsync<OdooRpcException>(() => ValidateAsync(odoo, id));

        Assert.Equal("psycopg2.errors.SerializationFailure", error.Type);
        Assert.Equal(4, receiver.Received.Count);
        Assert.All(receiver.Received, p => Assert.Equal("done", JsonNode.Parse(p.Body)!["state"]!.GetValue<string>()));
        Assert.Equal("assigned", (await odoo.RecordAsync("stock.picking", id))["state"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(19, "native")]
    [InlineData(18, "module")]
    public async Task A_rolled_back_validation_sends_nothing_when_posting_after_commit(int version, string style)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(version, receiver, style, ("Sandbox:Odoo:Webhooks:RollbackRate", "1"));
        using var odoo = new OdooRpcClient(server);
        var id = await ReadyDeliveryAsync(odoo);

        await Assert.ThrowsAsync<OdooRpcException>(() => ValidateAsync(odoo, id));

        Assert.Empty(receiver.Received);
        Assert.Equal("assigned", (await odoo.RecordAsync("stock.picking", id))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_manufacturing_order_notifies_with_its_finish_date()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await StartAsync(18, receiver, "native");
        using var odoo = new OdooRpcClient(server);
        var id = (await odoo.SearchAsync("mrp.production", [new JsonArray("state", "in", new JsonArray("confirmed", "progress"))]))[0];
        using var response = await odoo.Http.PostAsync($"sandbox/odoo/productions/{id}/done", null);
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(Assert.Single(receiver.Received).Body)!.AsObject();
        Assert.Equal(["_action", "_id", "_model", "date_finished", "id", "name", "origin", "state"], body.Select(p => p.Key));
        Assert.Equal("mrp.production", body["_model"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unreachable_receiver_never_fails_the_validation()
    {
        await using var server = await SandboxServer.StartAsync(new Dictionary<string, string?>
        {
            ["Sandbox:Odoo:Version"] = "19",
            ["Sandbox:Odoo:Webhooks:Url"] = "http://127.0.0.1:9/webhooks/odoo/default?token=abc",
        });
        using var odoo = new OdooRpcClient(server);
        var id = await ReadyDeliveryAsync(odoo);
        await ValidateAsync(odoo, id);
        Assert.Equal("done", (await odoo.RecordAsync("stock.picking", id))["state"]!.GetValue<string>());
    }

    private static Task<SandboxServer> StartAsync(int version, WebhookReceiver receiver, string style, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:Odoo:Version"] = $"{version}",
            ["Sandbox:Odoo:Webhooks:Url"] = receiver.Url("/webhooks/odoo/default?token=abc"),
            ["Sandbox:Odoo:Webhooks:Style"] = style,
            ["Sandbox:Odoo:Webhooks:Secret"] = "s3cret",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return SandboxServer.StartAsync(settings);
    }

    private static async Task<int> ReadyDeliveryAsync(OdooRpcClient odoo) =>
        (await odoo.SearchAsync("stock.picking", [new JsonArray("state", "=", "assigned"), new JsonArray("picking_type_id", "=", 2)], new JsonObject { ["order"] = "id" }))[0];

    private static async Task ValidateAsync(OdooRpcClient odoo, params int[] ids)
    {
        var context = new JsonObject
        {
            ["skip_backorder"] = true,
            ["picking_ids_not_to_backorder"] = new JsonArray([.. ids.Select(i => (JsonNode)i)]),
            ["skip_sms"] = true,
            ["skip_immediate"] = true,
        };
        var result = await odoo.CallAsync("stock.picking", "button_validate", [new JsonArray([.. ids.Select(i => (JsonNode)i)])], new JsonObject { ["context"] = context });
        Assert.True(result!.GetValue<bool>());
    }
}
