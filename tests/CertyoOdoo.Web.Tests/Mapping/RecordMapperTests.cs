using System.Text.Json;
using CertyoOdoo.Odoo.Connector;
using CertyoOdoo.Web.Mapping;

namespace CertyoOdoo.Web.Tests.Mapping;

public sealed class RecordMapperTests
{
    private static readonly OdooProduct Widget = new(11, "WID-1", "Widget");

    internal static OdooPicking Picking(decimal quantity = 5m, string? lot = "LOT-7") => new()
    {
        Model = "stock.picking", Id = 6, Name = "WH/OUT/00006", State = "done", IsDone = true,
        DateDone = new DateTime(2026, 11, 16, 16, 3, 29, DateTimeKind.Utc), PartnerName = "Azure Interior", Origin = "S00042",
        PickingTypeCode = "outgoing",
        Lines = [new OdooMoveLine(1, Widget, quantity, lot, "Units"), new OdooMoveLine(2, null, 1m, null, null)],
    };

    [Fact]
    public void Picking_follows_the_guide()
    {
        var m = RecordMapper.Map(Picking());
        Assert.Equal(("stock.picking", "WH/OUT/00006", "2026-11-16T16:03:29Z"), (m.Collection, m.RecordId, m.SourceTimestamp));
        var p = m.Payload;
        Assert.Equal("WH/OUT/00006", p.GetProperty("pickingName").GetString());
        Assert.Equal("Azure Interior", p.GetProperty("partnerName").GetString());
        Assert.Equal("S00042", p.GetProperty("sourceDocument").GetString());
        Assert.Equal("outgoing", p.GetProperty("pickingTypeCode").GetString());
        var line = p.GetProperty("lines")[0];
        Assert.Equal(("WID-1", "Widget", 5m, "LOT-7"), (line.GetProperty("sku").GetString(), line.GetProperty("productName").GetString(), line.GetProperty("quantity").GetDecimal(), line.GetProperty("lotNumber").GetString()));
        Assert.Equal("", p.GetProperty("lines")[1].GetProperty("sku").GetString());
    }

    [Fact]
    public void Production_lots_of_16_to_18_and_19_map_alike()
    {
        var mo = new OdooProduction
        {
            Model = "mrp.production", Id = 3, Name = "MO/00015", State = "done", IsDone = true, Product = Widget,
            QuantityProduced = 10m, LotNames = ["LOT-1"], DateFinished = new DateTime(2026, 12, 1, 8, 0, 0, 123, DateTimeKind.Utc),
        };
        var m = RecordMapper.Map(mo);
        Assert.Equal(("mrp.production", "MO/00015", "2026-12-01T08:00:00.123Z"), (m.Collection, m.RecordId, m.SourceTimestamp));
        Assert.Equal("LOT-1", m.Payload.GetProperty("lotNumber").GetString());
        Assert.Equal(10m, m.Payload.GetProperty("quantityProduced").GetDecimal());
        Assert.Equal("WID-1", m.Payload.GetProperty("sku").GetString());
        Assert.Equal("LOT-1,LOT-2", RecordMapper.Map(mo with { LotNames = ["LOT-1", "LOT-2"] }).Payload.GetProperty("lotNumber").GetString());
    }

    [Theory]
    [InlineData("WID-1", "Widget", "WID-1/L1")]
    [InlineData(null, "Widget", "Widget/L1")]
    [InlineData(null, "", "11/L1")]
    public void Lot_record_ids_carry_the_product(string? code, string name, string expected)
    {
        var lot = new OdooLot { Model = "stock.lot", Id = 9, Name = "L1", State = "", IsDone = true, Product = new OdooProduct(11, code, name) };
        Assert.Equal(expected, RecordMapper.Map(lot).RecordId);
    }

    [Fact]
    public void Quality_checks_map_their_state_and_links()
    {
        var q = new OdooQualityCheck
        {
            Model = "quality.check", Id = 2, Name = "QC/00002", State = "pass", IsDone = true, Product = Widget,
            PickingName = "WH/IN/00001", ControlDate = new DateTime(2026, 12, 2, 9, 30, 0, DateTimeKind.Utc), MeasureValue = 2.5,
        };
        var m = RecordMapper.Map(q);
        Assert.Equal("pass", m.Payload.GetProperty("qualityState").GetString());
        Assert.Equal("WH/IN/00001", m.Payload.GetProperty("pickingName").GetString());
        Assert.Equal(2.5, m.Payload.GetProperty("measure").GetDouble());
        Assert.Equal("2026-12-02T09:30:00Z", m.SourceTimestamp);
    }

    [Fact]
    public void The_payload_hash_is_stable_and_follows_the_content()
    {
        var a = RecordMapper.Map(Picking());
        Assert.Equal(a.PayloadHash, RecordMapper.Map(Picking()).PayloadHash);
        Assert.Equal(a.PayloadHash, RecordMapper.Map(Picking(quantity: 5.000m)).PayloadHash); // same number, other scale
        Assert.NotEqual(a.PayloadHash, RecordMapper.Map(Picking(quantity: 6m)).PayloadHash);
        Assert.NotEqual(a.PayloadHash, RecordMapper.Map(Picking(lot: "LOT-8")).PayloadHash);
        Assert.NotEqual(a.PayloadHash, RecordMapper.Map(Picking() with { DateDone = new DateTime(2026, 11, 17, 0, 0, 0, DateTimeKind.Utc) }).PayloadHash);
        Assert.Matches("^[0-9a-f]{64}$", a.PayloadHash);
    }

    [Fact]
    public void Extra_fields_go_under_extra_and_count_in_the_hash()
    {
        using var doc = JsonDocument.Parse("{\"x_batch\":\"B-1\",\"carrier_id\":[4,\"DHL\"]}");
        var extra = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        var m = RecordMapper.Map(Picking() with { Extra = extra });
        Assert.Equal("B-1", m.Payload.GetProperty("extra").GetProperty("x_batch").GetString());
        Assert.Equal("DHL", m.Payload.GetProperty("extra").GetProperty("carrier_id")[1].GetString());
        Assert.NotEqual(RecordMapper.Map(Picking()).PayloadHash, m.PayloadHash);
    }

    [Fact]
    public void Versions_carry_unique_keys_and_operations()
    {
        var m = RecordMapper.Map(Picking());
        var v1 = m.ToCertyo("acme", 1);
        var v2 = m.ToCertyo("acme", 2);
        Assert.Equal(("odoo", "insert", "1", "stock.picking:WH/OUT/00006:v1"), (v1.Database, v1.OperationType, v1.RecordVersion, v1.IdempotencyKey));
        Assert.Equal(("update", "2", "stock.picking:WH/OUT/00006:v2"), (v2.OperationType, v2.RecordVersion, v2.IdempotencyKey));
        Assert.NotEqual(MappedRecord.IdempotencyKey("stock.picking", "X/1", 1), MappedRecord.IdempotencyKey("mrp.production", "X/1", 1));
    }
}
