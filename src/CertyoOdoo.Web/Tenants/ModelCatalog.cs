namespace CertyoOdoo.Web.Tenants;

/// <summary>The Odoo models the service knows how to map.</summary>
internal static class ModelCatalog
{
    public const string Picking = "stock.picking";
    public const string Production = "mrp.production";
    public const string QualityCheck = "quality.check";
    public const string Lot = "stock.lot";

    public static IReadOnlyList<string> Supported { get; } = [Picking, Production, QualityCheck, Lot];

    public static IReadOnlyList<string> DefaultModels { get; } = [Picking, Production];

    public static bool IsSupported(string model) => Supported.Contains(model, StringComparer.Ordinal);
}
