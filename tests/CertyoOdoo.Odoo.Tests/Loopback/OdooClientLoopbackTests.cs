using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Odoo.Errors;
using CertyoOdoo.Odoo.Values;

namespace CertyoOdoo.Odoo.Tests.Loopback;

/// <summary>The client against the simulator, per series and protocol.</summary>
public sealed class OdooClientLoopbackTests
{
    public static TheoryData<int> Series => [16, 17, 18, 19];

    [Theory]
    [MemberData(nameof(Series))]
    public async Task The_same_done_picking_reads_the_same_on_every_protocol(int version)
    {
        await using var sim = await Simulator.StartAsync(version, new Dictionary<string, string?>
        {
            ["Sandbox:Odoo:Seed:DonePickings"] = "4",
            ["Sandbox:Odoo:Seed:LinesPerPicking"] = "3",
        });

        var seen = new Dictionary<OdooProtocol, string>();
        foreach (var protocol in sim.Protocols)
        {
            var client = sim.Client(protocol);
            var reader = Simulator.Reader(client);
            var stamps = await reader.SearchDoneAsync("stock.picking", null, 10, false, CertyoFieldNames.Default);
            Assert.NotEmpty(stamps);

            var docs = await reader.ReadAsync("stock.picking", [.. stamps.Select(s => s.Id)], ["origin"]);
            Assert.Equal(stamps.Count, docs.Count);
            var pickings = docs.Cast<OdooPicking>().OrderBy(p => p.Id).ToList();
            Assert.All(pickings, p =>
            {
                Assert.True(p.IsDone);
                Assert.Equal("done", p.State);
                Assert.NotNull(p.DateDone);
                Assert.NotNull(p.WriteDate);
                Assert.True(p.PickingTypeCode is "incoming" or "outgoing" or "internal", p.PickingTypeCode);
                Assert.NotEmpty(p.Lines);
                Assert.All(p.Lines, l =>
                {
                    Assert.NotNull(l.Product);
                    Assert.True(l.Quantity > 0, $"line {l.Id} has no done quantity on {version}/{protocol}");
                });
            });
            seen[protocol] = Describe(pickings);
        }

        Assert.Single(seen.Values.Distinct());
    }

    [Theory]
    [MemberData(nameof(Series))]
    public async Task Auto_speaks_json2_from_19_and_jsonrpc_before(int version)
    {
        await using var sim = await Simulator.StartAsync(version);
        var client = sim.Client(OdooProtocol.Auto);

        var serverVersion = await client.GetVersionAsync();
        Assert.Equal(version, serverVersion.Major);
        Assert.Equal(version >= 19 ? OdooProtocol.Json2 : OdooProtocol.JsonRpc, await client.GetProtocolAsync());
        Assert.Equal(2, await client.AuthenticateAsync());
        Assert.True(await client.SearchCountAsync("stock.picking", [OdooDomain.Leaf("state", "=", "done")]) > 0);
    }

    [Theory]
    [MemberData(nameof(Series))]
    public async Task Errors_are_typed_the_same_on_every_protocol(int version)
    {
        await using var sim = await Simulator.StartAsync(version);
        foreach (var protocol in sim.Protocols)
        {
            var denied = await Assert.ThrowsAsync<OdooAccessDeniedException>(
                () => sim.Client(protocol, apiKey: "wrong-key-1234").SearchAsync("stock.picking", [], limit: 1));
            Assert.DoesNotContain("wrong-key-1234", denied.Message, StringComparison.Ordinal);

            var client = sim.Client(protocol);
            await Assert.ThrowsAsync<OdooUnknownModelException>(() => client.SearchAsync("x.no.such.model", []));
            await Assert.ThrowsAsync<OdooUnknownFieldException>(() => client.SearchAsync("stock.picking", [OdooDomain.Leaf("no_such_field", "=", 1)]));
            await Assert.ThrowsAsync<OdooUnknownFieldException>(() => client.WriteAsync("stock.picking", [1], new JsonObject { ["x_no_such_field"] = "x" }));
            await Assert.ThrowsAsync<OdooUnknownMethodException>(() => client.CallAsync("stock.picking", "no_such_method", [new JsonArray(1)]));
            Assert.False(await client.ModelExistsAsync("quality.check"));
            Assert.True(await client.ModelExistsAsync("stock.picking"));

            var missing = await client.ReadAsync("stock.picking", [999_999], ["name"]);
            Assert.Equal(0, missing.GetArrayLength());
        }
    }

    [Theory]
    [MemberData(nameof(Series))]
    public async Task Fields_resolve_by_what_the_server_has(int version)
    {
        await using var sim = await Simulator.StartAsync(version);
        var client = sim.Client(OdooProtocol.Auto);

        var lineFields = await client.GetFieldsAsync("stock.move.line");
        Assert.Equal(version == 16 ? "qty_done" : "quantity", OdooModelFields.MoveLineQuantity(lineFields));
        var moFields = await client.GetFieldsAsync("mrp.production");
        Assert.Equal(version >= 19 ? "lot_producing_ids" : "lot_producing_id", OdooModelFields.ProducedLot(moFields));

        var reader = Simulator.Reader(client);
        var done = await reader.SearchDoneAsync("mrp.production", null, 10, false, CertyoFieldNames.Default);
        Assert.NotEmpty(done);
        var mos = (await reader.ReadAsync("mrp.production", [.. done.Select(d => d.Id)], [])).Cast<OdooProduction>().ToList();
        Assert.All(mos, mo =>
        {
            Assert.True(mo.IsDone);
            Assert.NotNull(mo.Product);
            Assert.True(mo.QuantityProduced > 0);
        });
    }

    [Theory]
    [InlineData(17, OdooProtocol.JsonRpc)]
    [InlineData(19, OdooProtocol.Json2)]
    [InlineData(16, OdooProtocol.XmlRpc)]
    public async Task The_batched_reader_reads_500_pickings_in_at_most_six_calls(int version, OdooProtocol protocol)
    {
        await using var sim = await Simulator.StartAsync(version, new Dictionary<string, string?>
        {
            ["Sandbox:Odoo:Seed:DonePickings"] = "500",
            ["Sandbox:Odoo:Seed:LinesPerPicking"] = "5",
        });
        var client = sim.Client(protocol);
        var reader = Simulator.Reader(client);
        await client.AuthenticateAsync();
        var ids = await client.SearchAsync("stock.picking", [OdooDomain.Leaf("state", "=", "done")], limit: 500);
        Assert.Equal(500, ids.Count);

        var before = client.CallCount;
        var docs = await reader.ReadAsync("stock.picking", [.. ids], []);
        var calls = client.CallCount - before;

        Assert.Equal(500, docs.Count);
        Assert.Equal(2500, docs.Cast<OdooPicking>().Sum(p => p.Lines.Count));
        Assert.InRange(calls, 1, 6);
    }

    [Theory]
    [InlineData(OdooProtocol.XmlRpc)]
    [InlineData(OdooProtocol.Json2)]
    public async Task Paged_search_read_returns_every_record_once(OdooProtocol protocol)
    {
        await using var sim = await Simulator.StartAsync(19, new Dictionary<string, string?> { ["Sandbox:Odoo:Seed:DonePickings"] = "13" });
        var client = sim.Client(protocol);
        var done = new JsonArray(OdooDomain.Leaf("state", "=", "done"));
        var total = await client.SearchCountAsync("stock.picking", done);

        var before = client.CallCount;
        var ids = new List<int>();
        await foreach (var record in client.SearchReadAllAsync("stock.picking", done, ["name"], pageSize: 4))
        {
            ids.Add(record.GetProperty("id").GetInt32());
        }

        Assert.Equal(total, ids.Distinct().Count());
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal((total / 4) + 1, client.CallCount - before);
    }

    [Theory]
    [InlineData(17, OdooProtocol.JsonRpc)]
    [InlineData(19, OdooProtocol.Json2)]
    public async Task A_refused_load_raises_with_the_messages(int version, OdooProtocol protocol)
    {
        await using var sim = await Simulator.StartAsync(version);
        var client = sim.Client(protocol);
        var id = (await client.SearchAsync("stock.picking", [OdooDomain.Leaf("state", "=", "done")], limit: 1))[0];

        var ex = await Assert.ThrowsAsync<OdooLoadException>(() => client.LoadAsync("stock.picking", [".id", "x_certyo_anchor_status"], [[id.ToString(CultureInfo.InvariantCulture), "no-such-status"]]));
        Assert.NotEmpty(ex.Errors);
        Assert.False(ex.IsTransient);
    }

    private static string Describe(IEnumerable<OdooPicking> pickings)
    {
        var sb = new StringBuilder();
        foreach (var p in pickings)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{p.Id}|{p.Name}|{p.State}|{p.DateDone:O}|{p.WriteDate:O}|{p.PartnerName}|{p.Origin}|{p.PickingTypeCode}|{p.PickingTypeName}|{p.CompanyId}|{p.Extra["origin"].GetRawText()}\n");
            foreach (var l in p.Lines)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {l.Id}|{l.Product}|{l.Quantity}|{l.LotName}|{l.UomName}\n");
            }
        }

        return sb.ToString();
    }
}
