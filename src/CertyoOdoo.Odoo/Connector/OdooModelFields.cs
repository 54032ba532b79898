namespace CertyoOdoo.Odoo.Connector;

/// <summary>
/// Version-aware field names, decided from <c>fields_get</c> (never from a version setting):
/// the fields that exist on this server are the truth.
/// </summary>
public static class OdooModelFields
{
    public const string Picking = "stock.picking";
    public const string MoveLine = "stock.move.line";
    public const string Production = "mrp.production";
    public const string Lot = "stock.lot";
    public const string QualityCheck = "quality.check";
    public const string Product = "product.product";
    public const string PickingType = "stock.picking.type";

    /// <summary>Done quantity on a move line: <c>qty_done</c> (16), <c>quantity</c> (17+).</summary>
    public static string? MoveLineQuantity(IReadOnlyDictionary<string, OdooField> fields) => First(fields, "qty_done", "quantity");

    /// <summary>Finished lot of an MO: <c>lot_producing_id</c> (16-18, many2one) or <c>lot_producing_ids</c> (19, many2many).</summary>
    public static string? ProducedLot(IReadOnlyDictionary<string, OdooField> fields) => First(fields, "lot_producing_id", "lot_producing_ids");

    /// <summary>Produced quantity: <c>qty_produced</c> where it exists (16-18, 19), else <c>qty_producing</c>.</summary>
    public static string? ProducedQuantity(IReadOnlyDictionary<string, OdooField> fields) => First(fields, "qty_produced", "qty_producing");

    public static string? First(IReadOnlyDictionary<string, OdooField> fields, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (fields.ContainsKey(name))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The names among <paramref name="wanted"/> that exist, in order, without duplicates.</summary>
    public static List<string> Existing(IReadOnlyDictionary<string, OdooField> fields, IEnumerable<string?> wanted)
    {
        var result = new List<string>();
        foreach (var name in wanted)
        {
            if (name is not null && fields.ContainsKey(name) && !result.Contains(name))
            {
                result.Add(name);
            }
        }

        return result;
    }

    /// <summary>The domain that selects records ready to anchor.</summary>
    public static System.Text.Json.Nodes.JsonArray DoneDomain(string model) => model switch
    {
        Picking or Production => [Values.OdooDomain.Leaf("state", "=", "done")],
        QualityCheck => [Values.OdooDomain.Leaf("quality_state", "in", new System.Text.Json.Nodes.JsonArray("pass", "fail"))],
        Lot => [],
        _ => throw new NotSupportedException($"The connector does not read {model}."),
    };
}
