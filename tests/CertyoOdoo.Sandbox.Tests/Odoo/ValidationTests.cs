using System.Text.Json.Nodes;
using CertyoOdoo.Testing;

namespace CertyoOdoo.Sandbox.Tests.Odoo;

/// <summary>button_validate and button_mark_done: the wizards without the skip context, done with it.</summary>
public sealed class ValidationTests
{
    private static readonly JsonObject SkipContext = new() { ["skip_backorder"] = true, ["skip_sms"] = true };

    [Fact]
    public async Task Without_the_skip_context_a_delivery_answers_the_sms_wizard_and_stays_ready()
    {
        await using var server = await SandboxServer.StartAsync();
        using var odoo = new OdooRpcClient(server);
        var id = (await odoo.SearchAsync("stock.picking", [new JsonArray("state", "=", "assigned"), new JsonArray("picking_type_id", "=", 2)]))[0];
        var action = (await odoo.CallAsync("stock.picking", "button_validate", [new JsonArray(id)]))!.AsObject();
        Assert.Equal("ir.actions.act_window", action["type"]!.GetValue<string>());
        Assert.Equal("confirm.stock.sms", action["res_model"]!.GetValue<string>());
        Assert.Equal("assigned", (await odoo.RecordAsync("stock.picking", id))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task With_the_skip_context_the_picking_is_done_with_its_date_and_lines()
    {
        await using var server = await SandboxServer.StartAsync();
        using var odoo = new OdooRpcClient(server);
        var id = (await odoo.SearchAsync("stock.picking", [new JsonArray("state", "=", "assigned"), new JsonArray("picking_type_id", "=", 2)]))[0];
        var context = new JsonObject { ["skip_backorder"] = true, ["picking_ids_not_to_backorder"] = new JsonArray(id), ["skip_sms"] = true };
        var result = await odoo.CallAsync("stock.picking", "button_validate", [new JsonArray(id)], new JsonObject { ["context"] = context });
        Assert.True(result!.GetValue<bool>());
        var picking = await odoo.RecordAsync("stock.picking", id);
        Assert.Equal("done", picking["state"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", picking["date_done"]!.GetValue<string>());
        foreach (var line in picking["move_line_ids"]!.AsArray())
        {
            var record = await odoo.RecordAsync("stock.move.line", line!.GetValue<int>());
            Assert.Equal("done", record["state"]!.GetValue<string>());
            Assert.True(record["picked"]!.GetValue<bool>());
            Assert.True(record["quantity"]!.GetValue<double>() > 0);
        }

        Assert.Empty(await odoo.SearchAsync("stock.picking", [new JsonArray("backorder_id", "=", id)]));
    }

    [Fact]
    public async Task On_16_the_notes_context_still_meets_the_immediate_transfer_wizard()
    {
        await using var server = await SandboxServer.StartAsync(new Dictionary<string, string?> { ["Sandbox:Odoo:Version"] = "16" });
        using var odoo = new OdooRpcClient(server);
        var id = (await odoo.SearchAsync("stock.picking", [new JsonArray("state", "=", "assigned")]))[0];
        var context = new JsonObject { ["skip_backorder"] = true, ["picking_ids_not_to_backorder"] = new JsonArray(id), ["skip_sms"] = true };
        var action = (await odoo.CallAsync("stock.picking", "button_validate", [new JsonArray(id)], new JsonObject { ["context"] = context.DeepClone() }))!.AsObject();
        Assert.Equal("stock.immediate.transfer", action["res_model"]!.GetValue<string>());
        context["skip_immediate"] = true;
        Assert.True((await odoo.CallAsync("stock.picking", "button_validate", [new JsonArray(id)], new JsonObject { ["context"] = context }))!.GetValue<bool>());
        var line = (await odoo.RecordAsync("stock.picking", id))["move_line_ids"]!.AsArray()[0]!.GetValue<int>();
        Assert.True((await odoo.RecordAsync("stock.move.line", line))["qty_done"]!.GetValue<double>() > 0);
    }

    [Fact]
    public async Task A_short_picking_asks_for_a_backorder_unless_told_which_to_make()
    {
        await using var server = await SandboxServer.StartAsync();
        using var odoo = new OdooRpcClient(server);
        var shortIds = new List<int>();
        foreach (var id in await odoo.SearchAsync("stock.picking", [new JsonArray("state", "=", "assigned")]))
        {
            var moves = (await odoo.CallAsync("stock.move", "search_read", [new JsonArray(new JsonArray("picking_id", "=", id))], new JsonObject { ["fields"] = new JsonArray("product_uom_qty", "quantity") }))!.AsArray();
            if (moves.Any(m => m!["quantity"]!.GetValue<double>() < m["product_uom_qty"]!.GetValue<double>()))
            {
                shortIds.Add(id);
            }
        }

        Assert.True(shortIds.Count >= 2, "the seed holds short ready pickings");
        var (a, b) = (shortIds[0], shortIds[1]);
        var wizard = (await odoo.CallAsync("stock.picking", "button_validate", [new JsonArray(a)], new JsonObject { ["context"] = new JsonObject { ["skip_sms"] = true } }))!.AsObject();
        Assert.Equal("stock.backorder.confirmation", wizard["res_model"]!.GetValue<string>());

        var noBackorder = new JsonObject { ["skip_backorder"] = true, ["skip_sms"] = true, ["picking_ids_not_to_backorder"] = new JsonArray(a) };
        Assert.True((await odoo.CallAsync("stock.picking", "button_validate", [new JsonArray(a)], new JsonObject { ["context"] = noBackorder }))!.GetValue<bool>());
        Assert.Empty(await odoo.SearchAsync("stock.picking", [new JsonArray("backorder_id", "=", a)]));

        Assert.True((await odoo.CallAsync("stock.picking", "button_validate", [new JsonArray(b)], new JsonObject { ["context"] = SkipContext.DeepClone() }))!.GetValue<bool>());
        var backorder = Assert.Single(await odoo.SearchAsync("stock.picking", [new JsonArray("backorder_id", "=", b)]));
        Assert.Equal("confirmed", (await odoo.RecordAsync("stock.picking", backorder))["state"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(17, true)]
    [InlineData(18, false)]
    public async Task Mark_done_finishes_a_manufacturing_order(int version, bool immediateWizard)
    {
        await using var server = await SandboxServer.StartAsync(new Dictionary<string, string?> { ["Sandbox:Odoo:Version"] = $"{version}" });
        using var odoo = new OdooRpcClient(server);
        var id = (await odoo.SearchAsync("mrp.production", [new JsonArray("state", "=", "confirmed"), new JsonArray("qty_producing", "=", 0)]))[0];
        var first = await odoo.CallAsync("mrp.production", "button_mark_done", [new JsonArray(id)]);
        if (immediateWizard)
        {
            Assert.Equal("mrp.immediate.production", first!["res_model"]!.GetValue<string>());
            await odoo.CallAsync("mrp.production", "button_mark_done", [new JsonArray(id)], new JsonObject { ["context"] = new JsonObject { ["skip_immediate"] = true } });
        }
        else
        {
            Assert.True(first!.GetValue<bool>());
        }

        var mo = (await odoo.CallAsync("mrp.production", "read", [new JsonArray(id)], new JsonObject { ["fields"] = new JsonArray("state", "date_finished", "product_qty", "qty_producing", "qty_produced") }))!.AsArray()[0]!;
        Assert.Equal("done", mo["state"]!.GetValue<string>());
        Assert.Equal(mo["product_qty"]!.GetValue<double>(), mo["qty_produced"]!.GetValue<double>());
        Assert.Equal(mo["qty_producing"]!.GetValue<double>(), mo["qty_produced"]!.GetValue<double>());
    }

    [Fact]
    public async Task The_sandbox_helper_validates_like_button_validate()
    {
        await using var server = await SandboxServer.StartAsync(new Dictionary<string, string?> { ["Sandbox:Odoo:Version"] = "16" });
        using var odoo = new OdooRpcClient(server);
        var id = (await odoo.SearchAsync("stock.picking", [new JsonArray("state", "=", "assigned")]))[0];
        using var response = await odoo.Http.PostAsync($"sandbox/odoo/pickings/{id}/validate", null);
        response.EnsureSuccessStatusCode();
        Assert.Equal("done", (await odoo.RecordAsync("stock.picking", id))["state"]!.GetValue<string>());
        using var missing = await odoo.Http.PostAsync("sandbox/odoo/pickings/999999/validate", null);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
