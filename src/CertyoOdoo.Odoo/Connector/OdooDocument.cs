using System.Text.Json;

namespace CertyoOdoo.Odoo.Connector;

/// <summary>
/// A record the connector anchors, read in full by <see cref="IOdooRecordReader"/>.
/// Datetimes are UTC (Odoo sends naive UTC strings). <see cref="Extra"/> holds the configured
/// extra fields as Odoo sent them (JSON values; many2one as [id, name] or false).
/// </summary>
public abstract record OdooDocument
{
    public required string Model { get; init; }
    public required int Id { get; init; }
    public required string Name { get; init; }

    /// <summary>The record's state (<c>state</c>, or <c>quality_state</c> for quality checks).</summary>
    public required string State { get; init; }

    /// <summary>True when the record is in its final state and can be anchored.</summary>
    public required bool IsDone { get; init; }

    public DateTime? WriteDate { get; init; }
    public int? CompanyId { get; init; }
    public IReadOnlyDictionary<string, JsonElement> Extra { get; init; } = new Dictionary<string, JsonElement>();
}

/// <summary>A product as referenced by lines, MOs and lots.</summary>
public sealed record OdooProduct(int Id, string? DefaultCode, string Name);

/// <summary><c>stock.move.line</c>, with the done quantity from <c>qty_done</c> (16) or <c>quantity</c> (17+).</summary>
public sealed record OdooMoveLine(int Id, OdooProduct? Product, decimal Quantity, string? LotName, string? UomName);

/// <summary><c>stock.picking</c>.</summary>
public sealed record OdooPicking : OdooDocument
{
    public DateTime? DateDone { get; init; }
    public string? PartnerName { get; init; }
    public string? Origin { get; init; }

    /// <summary><c>incoming</c>, <c>outgoing</c> or <c>internal</c> (from the picking type).</summary>
    public string? PickingTypeCode { get; init; }
    public string? PickingTypeName { get; init; }
    public IReadOnlyList<OdooMoveLine> Lines { get; init; } = [];
}

/// <summary><c>mrp.production</c>.</summary>
public sealed record OdooProduction : OdooDocument
{
    public DateTime? DateFinished { get; init; }
    public OdooProduct? Product { get; init; }
    public decimal QuantityProduced { get; init; }

    /// <summary>Finished lots: <c>lot_producing_id</c> (16-18) or <c>lot_producing_ids</c> (19).</summary>
    public IReadOnlyList<string> LotNames { get; init; } = [];
    public string? Origin { get; init; }
}

/// <summary><c>stock.lot</c> (lot names repeat across products).</summary>
public sealed record OdooLot : OdooDocument
{
    public OdooProduct? Product { get; init; }
    public string? Ref { get; init; }
    public DateTime? CreateDate { get; init; }
}

/// <summary><c>quality.check</c> (Enterprise only). Done when <c>quality_state</c> is pass or fail.</summary>
public sealed record OdooQualityCheck : OdooDocument
{
    public OdooProduct? Product { get; init; }
    public string? PointName { get; init; }
    public string? TestType { get; init; }
    public string? PickingName { get; init; }
    public string? ProductionName { get; init; }
    public string? LotName { get; init; }
    public DateTime? ControlDate { get; init; }
    public double? MeasureValue { get; init; }
}
