using CertyoOdoo.Sandbox.Odoo.Rpc;

namespace CertyoOdoo.Sandbox.Odoo.Store;

/// <summary>
/// Demo data shaped like the recorded databases: the same companies, warehouses, locations,
/// operation types, products (most with a default_code, a few without), lots, pickings in every
/// state and manufacturing orders, with ids near the recorded ones. Counts come from the options.
/// </summary>
internal sealed class DemoSeeder(OdooStore store, OdooSimulatorOptions options, DateTime now)
{
    private static readonly (int Id, string? Code, string Name, string Tracking)[] Products =
    [
        (5, "FURN_7777", "Office Chair", "none"), (6, "FURN_8888", "Office Lamp", "none"), (7, "FURN_6666", "Acoustic Bloc Screens", "none"),
        (8, "FURN_7800", "Desk Combination", "none"), (12, "FURN_0269", "Office Chair Black", "none"), (17, "E-COM07", "Large Cabinet", "none"),
        (32, "FURN_8855", "Drawer", "lot"), (35, "FURN_7888", "Desk Stand with Screen", "none"), (37, "FURN_9666", "Table", "none"),
        (38, "FURN_8522", "Table Top", "none"), (40, null, "Bolt", "none"), (41, null, "Screw", "none"), (42, null, "Wood Panel", "none"),
        (48, "FURN_2100", "Drawer Black", "lot"), (49, "FURN_5623", "Drawer Case Black", "lot"),
    ];

    private static readonly string[] Partners = ["Deco Addict", "Gemini Furniture", "Ready Mat", "Azure Interior", "Lumber Inc", "Wood Corner"];

    private static readonly object True = true;
    private static readonly object False = false;
    private readonly Dictionary<int, object> _ints = [];
    private readonly Dictionary<long, object> _longs = [];
    private readonly Dictionary<double, object> _doubles = [];
    private readonly Dictionary<DateTime, object> _dates = [];
    private readonly List<int> _partners = [];
    private int _productCursor;

    public StockIds Ids { get; } = new(options.Version >= 19);

    public void Seed()
    {
        using var _ = store.WriteLock();
        SeedBase();
        SeedLots();
        SeedModels();
        var s = options.Seed;
        for (var i = 0; i < s.DonePickings; i++)
        {
            AddPicking("done", i);
        }

        for (var i = 0; i < s.ReadyPickings; i++)
        {
            AddPicking("assigned", i);
        }

        foreach (var state in new[] { "draft", "waiting", "confirmed", "cancel" })
        {
            AddPicking(state, 0);
        }

        for (var i = 0; i < s.Productions + s.ReadyProductions; i++)
        {
            AddProduction(i < s.Productions ? "done" : i % 2 == 0 ? "confirmed" : "progress", i);
        }
    }

    private void SeedBase()
    {
        var created = now.AddDays(-20);
        Add("res.partner", 1, ("name", "My Company (San Francisco)"), ("is_company", true), ("company_id", 1));
        Add("res.partner", 3, ("name", "Mitchell Admin"), ("email", "admin@yourcompany.example.com"), ("company_id", 1));
        Add("res.company", 1, ("name", "My Company (San Francisco)"), ("partner_id", 1));
        Add("res.partner", 11, ("name", "My Company (Chicago)"), ("is_company", true), ("company_id", 2));
        Add("res.company", 2, ("name", "My Company (Chicago)"), ("partner_id", 11));
        var partnerId = 12;
        foreach (var name in Partners)
        {
            // Wood Corner keeps its recorded id (9 on 16-18, 8 on 19).
            var id = name == "Wood Corner" ? Ids.WoodCorner : partnerId++;
            Add("res.partner", id, ("name", name), ("is_company", true), ("phone", "+1 555-555-5555"));
            _partners.Add(id);
        }

        foreach (var user in options.EffectiveUsers)
        {
            var partner = user.Id == 2 ? 3 : Insert("res.partner", null, ("name", user.Name));
            Add("res.users", user.Id, ("name", user.Name), ("login", user.Login), ("partner_id", partner), ("company_id", 1), ("tz", user.Tz), ("lang", "en_US"));
        }

        Add("uom.uom", 1, ("name", "Units"), ("factor", 1.0));
        foreach (var (id, name, usage, parent) in Ids.Locations)
        {
            Add("stock.location", id, ("name", name.Split('/')[^1]), ("complete_name", name), ("usage", usage), ("location_id", parent), ("company_id", usage == "internal" ? 1 : null));
        }

        Add("stock.warehouse", 1, ("name", "YourCompany"), ("code", "WH"), ("company_id", 1), ("lot_stock_id", Ids.Stock), ("partner_id", 1));
        Add("stock.warehouse", 2, ("name", "Chicago 1"), ("code", "CHIC1"), ("company_id", 2), ("lot_stock_id", Ids.ChicagoStock), ("partner_id", 11));
        foreach (var (id, name, code, sequence, warehouse) in StockIds.PickingTypes)
        {
            Add("stock.picking.type", id, ("name", name), ("code", code), ("sequence_code", sequence), ("warehouse_id", warehouse),
                ("company_id", warehouse), ("sequence", (long)id), ("active", true));
        }

        foreach (var (id, code, name, tracking) in Products)
        {
            var productId = id == 32 ? Ids.DrawerProduct : id;
            Add("product.product", productId, ("name", name), ("default_code", code), ("tracking", tracking), ("uom_id", 1),
                ("active", true), ("type", options.Version >= 18 ? "consu" : "product"), ("detailed_type", "product"), ("is_storable", true),
                ("create_date", created), ("write_date", created));
        }
    }

    /// <summary>ir.model and ir.model.fields rows for every model, so field lookups over the API work.</summary>
    private void SeedModels()
    {
        foreach (var table in store.Catalog.Models.Select(m => store.Table(m.Name)).ToList())
        {
            var modelId = Insert("ir.model", null, ("name", table.Name), ("model", table.Name), ("state", "base"));
            foreach (var field in table.Schema.Fields)
            {
                CustomFields.AddFieldRow(store, modelId, table.Name, field);
            }
        }
    }

    private void SeedLots()
    {
        var created = now.AddMinutes(-30);
        (int Id, string Name, int Product)[] lots =
            [(1, "0000000000029", Ids.DrawerProduct), (5, "0000000000030", Ids.DrawerProduct), (6, "0000000000031", Ids.DrawerProduct),
             (7, "0000000010001", 48), (8, "0000000020045", 49)];
        foreach (var (id, name, product) in lots)
        {
            Add("stock.lot", id, ("name", name), ("product_id", product), ("company_id", 1), ("product_uom_id", 1),
                ("create_date", created), ("write_date", created), ("create_uid", 2), ("write_uid", 2));
        }
    }

    private void AddPicking(string state, int index)
    {
        // Two deliveries for each receipt, plus an urgent one now and then, like the demo data.
        var outgoing = index % 3 != 2;
        var type = outgoing ? 2 : 1;
        var (source, destination) = outgoing ? (Ids.Stock, Ids.Customers) : (Ids.Vendors, Ids.Stock);
        var partner = _partners[(index + Partners.Length - 1) % Partners.Length];
        var scheduled = now.AddDays(-(index % 30)).AddMinutes(-index);
        DateTime? dateDone = state switch
        {
            "done" => now.AddSeconds(-index - 60),
            "assigned" when index % 2 == 0 => scheduled.AddTicks(384308 * 10), // demo pickings carry a stale date_done
            _ => null,
        };
        var name = store.NextName(type);
        var picking = Insert("stock.picking", null,
            ("name", name), ("state", state), ("picking_type_id", type), ("partner_id", partner),
            ("origin", outgoing ? (index % 5 == 4 ? $"S{index:00000}" : "outgoing shipment") : null),
            ("company_id", 1), ("location_id", source), ("location_dest_id", destination), ("scheduled_date", scheduled),
            ("priority", index % 7 == 3 ? "1" : "0"), ("move_type", "direct"), ("user_id", 2), ("date", scheduled),
            ("date_done", dateDone), ("create_date", scheduled), ("write_date", dateDone ?? scheduled), ("create_uid", 2), ("write_uid", 2));
        var withLines = state is "done" or "assigned";
        for (var line = 0; line < options.Seed.LinesPerPicking; line++)
        {
            var (productId, tracking) = NextProduct();
            var demand = (double)(5 * ((index + line) % 20 + 1));
            // One ready picking in four is short on its last line: validating it asks about a backorder.
            var reserved = state == "assigned" && index % 4 == 1 && line == options.Seed.LinesPerPicking - 1 ? demand / 2 : demand;
            var move = Insert("stock.move", null,
                ("name", name), ("reference", name), ("picking_id", picking), ("product_id", productId), ("product_uom_qty", demand),
                ("product_qty", demand), ("quantity", withLines ? reserved : 0.0), ("quantity_done", state == "done" ? demand : 0.0),
                ("product_uom", 1), ("state", state), ("location_id", source), ("location_dest_id", destination), ("company_id", 1),
                ("date", dateDone ?? scheduled), ("picking_type_id", type), ("partner_id", partner), ("picked", state == "done"),
                ("sequence", 10L), ("create_date", scheduled), ("write_date", dateDone ?? scheduled));
            if (withLines)
            {
                Insert("stock.move.line", null,
                    ("picking_id", picking), ("move_id", move), ("product_id", productId), ("product_uom_id", 1), ("company_id", 1),
                    ("qty_done", state == "done" ? demand : 0.0), ("reserved_uom_qty", state == "done" ? 0.0 : reserved), ("reserved_qty", state == "done" ? 0.0 : reserved),
                    ("quantity", reserved), ("picked", state == "done"), ("lot_id", tracking == "lot" ? 1 : null),
                    ("location_id", source), ("location_dest_id", destination), ("state", state), ("reference", name),
                    ("date", dateDone ?? scheduled), ("create_date", scheduled), ("write_date", dateDone ?? scheduled));
            }
        }
    }

    private void AddProduction(string state, int index)
    {
        var (productId, tracking) = NextProduct();
        var quantity = (double)(index % 5 + 1);
        var start = now.AddHours(-(index + 1));
        var done = state == "done";
        var lot = done && tracking == "lot" ? Insert("stock.lot", null, ("name", $"LOT-RPC-{index + 1}"), ("product_id", productId),
            ("company_id", 1), ("product_uom_id", 1), ("create_date", start), ("write_date", start)) : (int?)null;
        var name = store.NextName(4);
        Insert("mrp.production", null,
            ("name", name), ("state", state), ("product_id", productId), ("product_qty", quantity), ("product_uom_qty", quantity),
            ("qty_producing", done ? quantity : state == "progress" ? quantity : 0.0), ("product_uom_id", 1), ("company_id", 1),
            ("picking_type_id", 4), ("location_src_id", Ids.Stock), ("location_dest_id", Ids.Stock), ("priority", "0"), ("user_id", 2),
            ("date_planned_start", start), ("date_start", start),
            ("date_finished", done ? start.AddMinutes(30) : options.Version == 16 ? null : start.AddHours(1)),
            ("lot_producing_id", lot), ("lot_producing_ids", lot is { } l ? new List<int> { l } : null),
            ("create_date", start), ("write_date", done ? start.AddMinutes(30) : start), ("create_uid", 2), ("write_uid", 2));
    }

    private (int Id, string Tracking) NextProduct()
    {
        var (id, _, _, tracking) = Products[_productCursor++ % Products.Length];
        return (id == 32 ? Ids.DrawerProduct : id, tracking);
    }

    /// <summary>One boxed instance per distinct value, so 250,000 seeded rows do not hold millions of boxes.</summary>
    private object Shared(object value) => value switch
    {
        int i => Cached(_ints, i, value),
        long l => Cached(_longs, l, value),
        double d => Cached(_doubles, d, value),
        bool b => b ? True : False,
        DateTime dt => Cached(_dates, dt, value),
        _ => value,
    };

    private static object Cached<T>(Dictionary<T, object> cache, T key, object boxed)
        where T : notnull
    {
        if (!cache.TryGetValue(key, out var shared))
        {
            shared = boxed;
            cache[key] = shared;
        }

        return shared;
    }

    private void Add(string model, int id, params (string Field, object? Value)[] values) => Insert(model, id, values);

    private int Insert(string model, int? id, params (string Field, object? Value)[] values)
    {
        var schema = store.Table(model).Schema;
        var row = new Dictionary<string, object?>(values.Length);
        foreach (var (field, value) in values)
        {
            // Version-specific fields (qty_done vs quantity, lot_producing_id vs _ids) fall away by schema.
            if (value is not null && schema.Has(field))
            {
                row[field] = Shared(value);
            }
        }

        return store.Insert(model, row, id);
    }
}
