using System.Text.Json.Nodes;
using CertyoOdoo.Testing;

namespace CertyoOdoo.Sandbox.Tests.Odoo;

/// <summary>Domains, order, limit and offset on the seeded data (17, defaults).</summary>
public sealed class DomainTests : IAsyncLifetime
{
    private SandboxServer _server = null!;
    private OdooRpcClient _odoo = null!;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new Dictionary<string, string?> { ["Sandbox:Odoo:Seed:DonePickings"] = "12", ["Sandbox:Odoo:Seed:ReadyPickings"] = "6" });
        _odoo = new OdooRpcClient(_server);
    }

    public async Task DisposeAsync()
    {
        _odoo.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Every_state_is_seeded_and_counts_add_up()
    {
        var all = await Count([]);
        var total = 0;
        foreach (var state in new[] { "draft", "waiting", "confirmed", "assigned", "done", "cancel" })
        {
            var n = await Count([new JsonArray("state", "=", state)]);
            Assert.True(n > 0, $"no {state} picking seeded");
            total += n;
        }

        Assert.Equal(all, total);
        Assert.Equal(12, await Count([new JsonArray("state", "=", "done")]));
        Assert.Equal(6, await Count([new JsonArray("state", "=", "assigned")]));
        Assert.Equal(18, await Count([new JsonArray("state", "in", new JsonArray("done", "assigned"))]));
        Assert.Equal(all - 18, await Count([new JsonArray("state", "not in", new JsonArray("done", "assigned"))]));
        Assert.Equal(all - 12, await Count([new JsonArray("state", "!=", "done")]));
    }

    [Fact]
    public async Task Prefix_operators_combine_like_odoo()
    {
        var done = await Count([new JsonArray("state", "=", "done")]);
        var ready = await Count([new JsonArray("state", "=", "assigned")]);
        var all = await Count([]);
        Assert.Equal(done + ready, await Count(["|", new JsonArray("state", "=", "done"), new JsonArray("state", "=", "assigned")]));
        Assert.Equal(all - done, await Count(["!", new JsonArray("state", "=", "done")]));
        var doneOut = await Count(["&", new JsonArray("state", "=", "done"), new JsonArray("picking_type_id", "=", 2)]);
        Assert.Equal(doneOut, await Count([new JsonArray("state", "=", "done"), new JsonArray("picking_type_id", "=", 2)]));
        Assert.InRange(doneOut, 1, done - 1);
        Assert.Equal(done - doneOut, await Count([new JsonArray("state", "=", "done"), "!", new JsonArray("picking_type_id", "=", 2)]));
    }

    [Fact]
    public async Task Comparisons_work_on_ids_and_datetimes()
    {
        var ids = await _odoo.SearchAsync("stock.picking", [], new JsonObject { ["order"] = "id" });
        var middle = ids[ids.Count / 2];
        Assert.Equal(ids.Count(i => i < middle), await Count([new JsonArray("id", "<", middle)]));
        Assert.Equal(ids.Count(i => i <= middle), await Count([new JsonArray("id", "<=", middle)]));
        Assert.Equal(ids.Count(i => i > middle), await Count([new JsonArray("id", ">", middle)]));
        Assert.Equal(ids.Count(i => i >= middle), await Count([new JsonArray("id", ">=", middle)]));

        var done = (await _odoo.CallAsync("stock.picking", "search_read", [new JsonArray(new JsonArray("state", "=", "done"))], new JsonObject { ["fields"] = new JsonArray("date_done") }))!.AsArray();
        var dates = done.Select(r => r!["date_done"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        var pivot = dates[dates.Count / 2];
        Assert.Equal(dates.Count(d => string.CompareOrdinal(d, pivot) >= 0), await Count([new JsonArray("date_done", ">=", pivot), new JsonArray("state", "=", "done")]));
        Assert.Equal(0, await Count([new JsonArray("date_done", "=", false), new JsonArray("state", "=", "done")]));
        Assert.True(await Count([new JsonArray("date_done", "!=", false)]) >= done.Count);
    }

    [Fact]
    public async Task Like_operators_follow_sql_semantics()
    {
        var outgoing = await Count([new JsonArray("picking_type_id", "=", 2)]);
        Assert.Equal(outgoing, await Count([new JsonArray("name", "like", "WH/OUT/")]));
        Assert.Equal(0, await Count([new JsonArray("name", "like", "wh/out/")]));
        Assert.Equal(outgoing, await Count([new JsonArray("name", "ilike", "wh/out/")]));
        Assert.Equal(1, await Count([new JsonArray("name", "=like", "WH/OUT/0000_"), new JsonArray("name", "=", "WH/OUT/00001")]));
        Assert.Equal(Math.Min(outgoing, 9), await Count([new JsonArray("name", "=like", "WH/OUT/0000_")]));
        Assert.Equal(await Count([]) - outgoing, await Count([new JsonArray("name", "not ilike", "wh/out")]));
    }

    [Fact]
    public async Task Many2one_matches_id_false_and_display_name()
    {
        var wood = await Count([new JsonArray("partner_id", "=", 9)]);
        Assert.True(wood > 0);
        Assert.Equal(wood, await Count([new JsonArray("partner_id", "=", "Wood Corner")]));
        Assert.Equal(wood, await Count([new JsonArray("partner_id", "ilike", "wood")]));
        Assert.Equal(wood, await Count([new JsonArray("partner_id", "in", new JsonArray(9, 999))]));
        Assert.Equal(0, await Count([new JsonArray("partner_id", "=", false)]));
        Assert.Equal(await Count([]), await Count([new JsonArray("picking_type_id.code", "in", new JsonArray("incoming", "outgoing"))]));
    }

    [Fact]
    public async Task Order_limit_and_offset_page_through_results()
    {
        var all = await _odoo.SearchAsync("stock.picking", [], new JsonObject { ["order"] = "state asc, id desc" });
        var records = (await _odoo.CallAsync("stock.picking", "read", [new JsonArray([.. all.Select(i => (JsonNode)i)])], new JsonObject { ["fields"] = new JsonArray("state") }))!.AsArray();
        var expected = records.Select(r => (State: r!["state"]!.GetValue<string>(), Id: r["id"]!.GetValue<int>()))
            .OrderBy(r => r.State, StringComparer.Ordinal).ThenByDescending(r => r.Id).Select(r => r.Id).ToList();
        Assert.Equal(expected, all);
        var page = await _odoo.SearchAsync("stock.picking", [], new JsonObject { ["order"] = "state asc, id desc", ["offset"] = 3, ["limit"] = 4 });
        Assert.Equal(all.Skip(3).Take(4), page);

        // Odoo's default order for pickings: priority desc, scheduled_date asc, id desc.
        var byDefault = await _odoo.SearchAsync("stock.picking", [new JsonArray("state", "=", "done")]);
        Assert.NotEqual(byDefault.Order(), byDefault);
    }

    [Fact]
    public async Task Bad_leaves_fault_like_odoo()
    {
        var unknown = await Assert.ThrowsAsync<OdooRpcException>(() => Count([new JsonArray("no_such_field", "=", 1)]));
        Assert.Equal("builtins.ValueError", unknown.Type);
        Assert.Equal("Invalid field stock.picking.no_such_field in leaf ('no_such_field', '=', 1)", unknown.Message);
        var op = await Assert.ThrowsAsync<OdooRpcException>(() => Count([new JsonArray("state", "~", "done")]));
        Assert.Equal("builtins.ValueError", op.Type);
    }

    private async Task<int> Count(JsonArray domain) => (await _odoo.CallAsync("stock.picking", "search_count", [domain]))!.GetValue<int>();
}
