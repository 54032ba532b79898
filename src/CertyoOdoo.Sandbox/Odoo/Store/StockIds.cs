namespace CertyoOdoo.Sandbox.Odoo.Store;

/// <summary>Ids of the seeded stock setup, as the recorded series numbered them.</summary>
internal sealed class StockIds(bool odoo19)
{
    public static readonly (int Id, string Name, string Code, string SequenceCode, int Warehouse)[] PickingTypes =
    [
        (1, "Receipts", "incoming", "IN", 1), (2, "Delivery Orders", "outgoing", "OUT", 1), (3, "Pick", "internal", "PICK", 1),
        (4, "Manufacturing", "mrp_operation", "MO", 1), (5, "Internal Transfers", "internal", "INT", 1),
        (7, "Receipts", "incoming", "IN", 2), (8, "Delivery Orders", "outgoing", "OUT", 2),
    ];

    public int Vendors { get; } = odoo19 ? 1 : 4;

    public int Customers { get; } = odoo19 ? 2 : 5;

    public int Stock { get; } = odoo19 ? 5 : 8;

    public int ChicagoStock { get; } = 28;

    public int WoodCorner { get; } = odoo19 ? 8 : 9;

    public int DrawerProduct { get; } = odoo19 ? 39 : 32;

    public IEnumerable<(int Id, string Name, string Usage, int? Parent)> Locations => odoo19
        ?
        [
            (1, "Vendors", "supplier", null), (2, "Customers", "customer", null), (3, "WH", "view", null),
            (5, "WH/Stock", "internal", 3), (27, "CHIC1", "view", null), (28, "CHIC1/Stock", "internal", 27),
        ]
        :
        [
            (1, "Physical Locations", "view", null), (2, "Partners", "view", null), (4, "Partners/Vendors", "supplier", 2),
            (5, "Partners/Customers", "customer", 2), (7, "WH", "view", 1), (8, "WH/Stock", "internal", 7),
            (27, "CHIC1", "view", 1), (28, "CHIC1/Stock", "internal", 27),
        ];
}
