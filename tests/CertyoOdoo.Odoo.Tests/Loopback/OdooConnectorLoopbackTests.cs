using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Odoo.Errors;
using CertyoOdoo.Odoo.Values;

namespace CertyoOdoo.Odoo.Tests.Loopback;

/// <summary>The connector side (write-back, field creation, reconcile cursor, lots) against the simulator.</summary>
public sealed class OdooConnectorLoopbackTests
{
    [Theory]
    [InlineData(16, OdooProtocol.XmlRpc)]
    [InlineData(18, OdooProtocol.JsonRpc)]
    [InlineData(19, OdooProtocol.Json2)]
    public async Task Status_writes_back_in_one_load_and_reads_back(int version, OdooProtocol protocol)
    {
        await using var sim = await Simulator.StartAsync(version, new Dictionary<string, string?> { ["Sandbox:Odoo:Seed:DonePickings"] = "5" });
        var client = sim.Client(protocol);
        var reader = Simulator.Reader(client);
        var names = CertyoFieldNames.Default;
        var stamps = (await reader.SearchDoneAsync("stock.picking", null, 100, true, names)).Take(5).ToList();
        Assert.Equal(5, stamps.Count);

        var at = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);
        var writes = stamps.Select((s, i) => new CertyoStatusWrite(s.Id, new string((char)('a' + i), 64), i % 2 == 0 ? "anchored" : "ingested", at)).ToList();
        var before = client.CallCount;
        await reader.WriteStatusAsync("stock.picking", writes, names);
        Assert.Equal(1, client.CallCount - before);

        var docs = await reader.ReadAsync("stock.picking", [.. stamps.Select(s => s.Id)], [names.RecordHash, names.AnchorStatus, names.AnchoredAt]);
        foreach (var w in writes)
        {
            var doc = docs.Single(d => d.Id == w.Id);
            Assert.Equal(w.RecordHash, doc.Extra[names.RecordHash].GetString());
            Assert.Equal(w.Status, doc.Extra[names.AnchorStatus].GetString());
            Assert.Equal(at, OdooValues.GetDateTime(doc.Extra[names.AnchoredAt]));
        }

        var stillEmpty = await reader.SearchDoneAsync("stock.picking", null, 100, true, names);
        Assert.DoesNotContain(stillEmpty, s => writes.Any(w => w.Id == s.Id));
    }

    [Theory]
    [InlineData(17, OdooProtocol.JsonRpc)]
    [InlineData(19, OdooProtocol.Json2)]
    public async Task Certyo_fields_are_created_once_when_missing(int version, OdooProtocol protocol)
    {
        await using var sim = await Simulator.StartAsync(version, new Dictionary<string, string?> { ["Sandbox:Odoo:CertyoFields"] = "false" });
        var client = sim.Client(protocol);
        var reader = Simulator.Reader(client);

        Assert.False((await client.GetFieldsAsync("stock.picking")).ContainsKey("x_certyo_record_hash"));
        var created = await reader.EnsureCertyoFieldsAsync("stock.picking", CertyoFieldNames.Default);
        Assert.Equal(["x_certyo_record_hash", "x_certyo_anchor_status", "x_certyo_anchored_at"], created);

        var fields = await client.GetFieldsAsync("stock.picking");
        Assert.Equal(["ingested", "anchored", "failed"], fields["x_certyo_anchor_status"].SelectionKeys);
        Assert.Equal("datetime", fields["x_certyo_anchored_at"].Type);
        Assert.Empty(await reader.EnsureCertyoFieldsAsync("stock.picking", CertyoFieldNames.Default));
    }

    [Fact]
    public async Task The_reconcile_cursor_pages_through_every_done_picking_once()
    {
        await using var sim = await Simulator.StartAsync(17, new Dictionary<string, string?> { ["Sandbox:Odoo:Seed:DonePickings"] = "23" });
        var client = sim.Client(OdooProtocol.JsonRpc);
        var reader = Simulator.Reader(client);
        var total = await client.SearchCountAsync("stock.picking", [OdooDomain.Leaf("state", "=", "done")]);

        // One load gives 12 records the same write_date: pages of 5 must not lose or repeat any of them.
        var some = await client.SearchAsync("stock.picking", [OdooDomain.Leaf("state", "=", "done")], limit: 12, order: "id desc");
        await reader.WriteStatusAsync("stock.picking", [.. some.Select(id => new CertyoStatusWrite(id, null, "ingested", null))], CertyoFieldNames.Default);
        var rows = await client.ReadAsync("stock.picking", some, ["write_date"]);
        Assert.Single(rows.EnumerateArray().Select(r => r.GetProperty("write_date").GetString()).Distinct());

        var ids = new List<int>();
        var sizes = new List<int>();
        OdooRecordStamp? cursor = null;
        for (var page = 0; page < 100; page++)
        {
            var stamps = await reader.SearchDoneAsync("stock.picking", cursor, 5, false, CertyoFieldNames.Default);
            if (stamps.Count == 0)
            {
                break;
            }

            ids.AddRange(stamps.Select(s => s.Id));
            sizes.Add(stamps.Count);
            cursor = stamps[^1];
        }

        // Callers stop at a short page: only the last may be short, none may exceed twice the limit.
        Assert.All(sizes.SkipLast(1), size => Assert.InRange(size, 5, 10));
        Assert.Equal(total, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData(16, OdooProtocol.XmlRpc)]
    [InlineData(19, OdooProtocol.Json2)]
    public async Task Lots_read_with_their_products(int version, OdooProtocol protocol)
    {
        await using var sim = await Simulator.StartAsync(version);
        var client = sim.Client(protocol);
        var reader = Simulator.Reader(client);
        var stamps = await reader.SearchDoneAsync("stock.lot", null, 50, false, CertyoFieldNames.Default);
        Assert.NotEmpty(stamps);

        var lots = (await reader.ReadAsync("stock.lot", [.. stamps.Select(s => s.Id)], [])).Cast<OdooLot>().ToList();
        Assert.Equal(stamps.Count, lots.Count);
        Assert.All(lots, lot =>
        {
            Assert.False(string.IsNullOrEmpty(lot.Name));
            Assert.NotNull(lot.Product);
            Assert.False(string.IsNullOrEmpty(lot.Product!.Name));
            Assert.NotNull(lot.CreateDate);
        });
    }

    [Fact]
    public async Task Status_write_without_the_fields_names_them()
    {
        await using var sim = await Simulator.StartAsync(17, new Dictionary<string, string?> { ["Sandbox:Odoo:CertyoFields"] = "false" });
        var reader = Simulator.Reader(sim.Client(OdooProtocol.JsonRpc));
        var ex = await Assert.ThrowsAsync<OdooUnknownFieldException>(
            () => reader.WriteStatusAsync("stock.picking", [new CertyoStatusWrite(1, "ab", "ingested", null)], CertyoFieldNames.Default));
        Assert.Contains("x_certyo_record_hash", ex.Message, StringComparison.Ordinal);
    }
}
