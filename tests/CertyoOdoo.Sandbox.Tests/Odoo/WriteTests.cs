using System.Text.Json.Nodes;
using CertyoOdoo.Testing;

namespace CertyoOdoo.Sandbox.Tests.Odoo;

/// <summary>write, create, unlink, load and custom fields: validation and messages as Odoo gives them.</summary>
public sealed class WriteTests : IAsyncLifetime
{
    private SandboxServer _server = null!;
    private OdooRpcClient _odoo = null!;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync();
        _odoo = new OdooRpcClient(_server);
    }

    public async Task DisposeAsync()
    {
        _odoo.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Write_stores_keys_and_bumps_write_date()
    {
        var id = (await _odoo.SearchAsync("stock.picking", [new JsonArray("state", "=", "done")]))[0];
        var before = (await _odoo.RecordAsync("stock.picking", id))["write_date"]!.GetValue<string>();
        var ok = await _odoo.CallAsync("stock.picking", "write", [new JsonArray(id), new JsonObject
        {
            ["x_certyo_record_hash"] = new string('a', 64),
            ["x_certyo_anchor_status"] = "ingested",
            ["x_certyo_anchored_at"] = "2026-12-03 10:00:00",
        }]);
        Assert.True(ok!.GetValue<bool>());
        var record = await _odoo.RecordAsync("stock.picking", id);
        Assert.Equal(new string('a', 64), record["x_certyo_record_hash"]!.GetValue<string>());
        Assert.Equal("ingested", record["x_certyo_anchor_status"]!.GetValue<string>());
        Assert.Equal("2026-12-03 10:00:00", record["x_certyo_anchored_at"]!.GetValue<string>());
        Assert.True(string.CompareOrdinal(record["write_date"]!.GetValue<string>(), before) > 0);
    }

    [Theory]
    [InlineData("x_certyo_anchor_status", "Ingested", "Wrong value for stock.picking.x_certyo_anchor_status: 'Ingested'")]
    [InlineData("x_certyo_anchored_at", "2026-12-03T10:00:00Z", "time data '2026-12-03T10:00:00Z' does not match format '%Y-%m-%d %H:%M:%S'")]
    [InlineData("x_no_such_field", "a", "Invalid field 'x_no_such_field' on model 'stock.picking'")]
    public async Task Bad_values_fault_with_the_recorded_traceback(string field, string value, string message)
    {
        using var response = await _odoo.XmlCallAsync("stock.picking", "write", [new JsonArray(1), new JsonObject { [field] = value }]);
        Assert.NotNull(response.Fault);
        Assert.Equal(1, response.Fault.Code);
        Assert.StartsWith("Traceback (most recent call last):\n", response.Fault.Message, StringComparison.Ordinal);
        Assert.EndsWith($"\nValueError: {message}\n", response.Fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_on_a_missing_record_is_a_missing_error()
    {
        using var response = await _odoo.XmlCallAsync("stock.picking", "write", [new JsonArray(999999), new JsonObject { ["origin"] = "x" }]);
        Assert.Equal(2, response.Fault!.Code);
        Assert.Equal("Record does not exist or has been deleted.\n(Record: stock.picking(999999,), User: 2)", response.Fault.Message);
        var read = await _odoo.CallAsync("stock.picking", "read", [new JsonArray(999999)], new JsonObject { ["fields"] = new JsonArray("name") });
        Assert.Empty(read!.AsArray());
    }

    [Fact]
    public async Task Unlinking_a_done_picking_is_refused()
    {
        var id = (await _odoo.SearchAsync("stock.picking", [new JsonArray("state", "=", "done")]))[0];
        var error = await Assert.ThrowsAsync<OdooRpcException>(() => _odoo.CallAsync("stock.picking", "unlink", [new JsonArray(id)]));
        Assert.Equal("odoo.exceptions.UserError", error.Type);
        var draft = (await _odoo.SearchAsync("stock.picking", [new JsonArray("state", "=", "draft")]))[0];
        Assert.True((await _odoo.CallAsync("stock.picking", "unlink", [new JsonArray(draft)]))!.GetValue<bool>());
        Assert.Empty(await _odoo.SearchAsync("stock.picking", [new JsonArray("id", "=", draft)]));
    }

    [Fact]
    public async Task Create_names_the_picking_from_its_sequence()
    {
        var id = (await _odoo.CallAsync("stock.picking", "create", [new JsonObject { ["picking_type_id"] = 1, ["partner_id"] = 9, ["location_id"] = 4, ["location_dest_id"] = 8 }]))!.GetValue<int>();
        var record = await _odoo.RecordAsync("stock.picking", id);
        Assert.StartsWith("WH/IN/", record["name"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("draft", record["state"]!.GetValue<string>());
        var many = await _odoo.CallAsync("res.partner", "create", [new JsonArray(new JsonObject { ["name"] = "A" }, new JsonObject { ["name"] = "B" })]);
        Assert.Equal(2, many!.AsArray().Count);
    }

    [Fact]
    public async Task Load_writes_different_values_to_many_records_in_one_call()
    {
        var ids = (await _odoo.SearchAsync("stock.picking", [new JsonArray("state", "=", "done")])).Take(3).ToList();
        var rows = new JsonArray([.. ids.Select((id, i) => (JsonNode)new JsonArray($"{id}", new string((char)('a' + i), 64), i == 0 ? "Anchored" : "ingested", "2026-12-03 10:00:00"))]);
        var result = (await _odoo.CallAsync("stock.picking", "load",
            [new JsonArray(".id", "x_certyo_record_hash", "x_certyo_anchor_status", "x_certyo_anchored_at"), rows],
            new JsonObject { ["context"] = new JsonObject { ["tz"] = "UTC" } }))!.AsObject();
        Assert.Equal(ids, result["ids"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Empty(result["messages"]!.AsArray());
        Assert.Equal(0, result["nextrow"]!.GetValue<int>());
        var first = await _odoo.RecordAsync("stock.picking", ids[0]);
        Assert.Equal("anchored", first["x_certyo_anchor_status"]!.GetValue<string>());
        Assert.Equal("2026-12-03 10:00:00", first["x_certyo_anchored_at"]!.GetValue<string>());
        Assert.Equal(new string('b', 64), (await _odoo.RecordAsync("stock.picking", ids[1]))["x_certyo_record_hash"]!.GetValue<string>());
    }

    [Fact]
    public async Task Load_reads_datetimes_in_the_users_time_zone_like_odoo_import()
    {
        var id = (await _odoo.SearchAsync("stock.picking", [new JsonArray("state", "=", "done")]))[0];
        await _odoo.CallAsync("stock.picking", "load", [new JsonArray(".id", "x_certyo_anchored_at"), new JsonArray(new JsonArray($"{id}", "2026-12-03 10:00:00"))]);
        // admin's time zone is Europe/Brussels (UTC+1 in December): Odoo stores 09:00 UTC.
        Assert.Equal("2026-12-03 09:00:00", (await _odoo.RecordAsync("stock.picking", id))["x_certyo_anchored_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task Load_with_a_bad_cell_reports_it_and_writes_nothing()
    {
        var ids = (await _odoo.SearchAsync("stock.picking", [new JsonArray("state", "=", "done")])).Take(2).ToList();
        var result = (await _odoo.CallAsync("stock.picking", "load",
            [new JsonArray(".id", "x_certyo_record_hash", "x_certyo_anchored_at"),
             new JsonArray(new JsonArray($"{ids[0]}", "ff", "2026-12-03 10:00:00"), new JsonArray($"{ids[1]}", "ee", "2026-12-03T10:00:00Z"))]))!.AsObject();
        Assert.False(result["ids"]!.GetValue<bool>());
        var message = Assert.Single(result["messages"]!.AsArray())!;
        Assert.Equal("error", message["type"]!.GetValue<string>());
        Assert.Equal(1, message["record"]!.GetValue<int>());
        Assert.False((await _odoo.RecordAsync("stock.picking", ids[0]))["x_certyo_record_hash"]!.GetValueKind() == System.Text.Json.JsonValueKind.String);
    }

    [Fact]
    public async Task A_field_created_through_ir_model_fields_joins_its_model()
    {
        var model = (await _odoo.SearchAsync("ir.model", [new JsonArray("model", "=", "stock.picking")])).Single();
        var fieldId = await _odoo.CallAsync("ir.model.fields", "create", [new JsonObject
        {
            ["name"] = "x_sim_status",
            ["model_id"] = model,
            ["ttype"] = "selection",
            ["field_description"] = "Sim Status",
            ["selection_ids"] = new JsonArray(new JsonArray(0, 0, new JsonObject { ["value"] = "ok", ["name"] = "OK", ["sequence"] = 1 })),
        }]);
        Assert.True(fieldId!.GetValue<int>() > 0);
        var fields = (await _odoo.CallAsync("stock.picking", "fields_get", [], new JsonObject { ["allfields"] = new JsonArray("x_sim_status"), ["attributes"] = new JsonArray("type", "selection") }))!.AsObject();
        Assert.Equal("""{"selection":[["ok","OK"]],"type":"selection"}""", fields["x_sim_status"]!.ToJsonString());
        await _odoo.CallAsync("stock.picking", "write", [new JsonArray(1), new JsonObject { ["x_sim_status"] = "ok" }]);
        Assert.Equal("ok", (await _odoo.RecordAsync("stock.picking", 1))["x_sim_status"]!.GetValue<string>());
        var found = await _odoo.SearchAsync("ir.model.fields", [new JsonArray("model", "=", "stock.picking"), new JsonArray("name", "=like", "x_sim%")]);
        Assert.Single(found);
        var duplicate = await Assert.ThrowsAsync<OdooRpcException>(() => _odoo.CallAsync("ir.model.fields", "create", [new JsonObject { ["name"] = "x_sim_status", ["model_id"] = model, ["ttype"] = "char" }]));
        Assert.Equal("odoo.exceptions.ValidationError", duplicate.Type);
    }
}
