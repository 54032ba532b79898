namespace CertyoOdoo.Sandbox.Odoo.Schema;

/// <summary>Schemas of the models the recordings never ran fields_get on, reduced to what the simulator stores.</summary>
internal static class HandModels
{
    private static readonly KeyValuePair<string, string>[] LocationUsages =
    [
        new("supplier", "Vendor Location"), new("view", "View"), new("internal", "Internal Location"),
        new("customer", "Customer Location"), new("inventory", "Inventory Loss"), new("production", "Production"),
        new("transit", "Transit Location"),
    ];

    private static readonly KeyValuePair<string, string>[] FieldTypes =
    [
        .. new[]
        {
            "binary", "boolean", "char", "date", "datetime", "float", "html", "integer", "many2many", "many2one",
            "many2one_reference", "monetary", "one2many", "reference", "selection", "text",
        }.Select(t => new KeyValuePair<string, string>(t, t)),
    ];

    private static readonly KeyValuePair<string, string>[] ManualStates = [new("manual", "Custom Object"), new("base", "Base Object")];

    public static void AddTo(SchemaCatalog catalog, int version)
    {
        Add(catalog, version, "res.company",
            Char("name", "Company Name", required: true), M2O("partner_id", "Partner", "res.partner"), Char("email", "Email"));
        Add(catalog, version, "res.partner",
            Char("name", "Name"), Char("complete_name", "Complete Name"), Char("ref", "Reference"), Char("email", "Email"),
            Char("phone", "Phone"), new FieldSchema("is_company", "boolean", "Is a Company"),
            M2O("parent_id", "Related Company", "res.partner"), M2O("company_id", "Company", "res.company"));
        Add(catalog, version, "uom.uom", Char("name", "Unit", required: true), new FieldSchema("factor", "float", "Ratio"));
        Add(catalog, version, "stock.warehouse",
            Char("name", "Warehouse", required: true), Char("code", "Short Name", required: true),
            M2O("company_id", "Company", "res.company"), M2O("lot_stock_id", "Location Stock", "stock.location"),
            M2O("partner_id", "Address", "res.partner"));
        Add(catalog, version, "stock.location",
            Char("name", "Location Name", required: true), Char("complete_name", "Full Location Name", isReadonly: true),
            new FieldSchema("usage", "selection", "Location Type", Selection: LocationUsages, Required: true),
            M2O("location_id", "Parent Location", "stock.location"), M2O("company_id", "Company", "res.company"),
            M2O("warehouse_id", "Warehouse", "stock.warehouse", store: false));
        Add(catalog, version, "ir.model",
            Char("name", "Model Description", required: true), Char("model", "Model", required: true),
            new FieldSchema("state", "selection", "Type", Selection: ManualStates, Readonly: true),
            new FieldSchema("field_id", "one2many", "Fields", "ir.model.fields", Required: true));
        Add(catalog, version, "ir.model.fields",
            Char("name", "Field Name", required: true), Char("complete_name", "Complete Name"), Char("model", "Model Name", required: true),
            M2O("model_id", "Model", "ir.model", required: true), Char("field_description", "Field Label", required: true),
            Char("help", "Field Help"), new FieldSchema("ttype", "selection", "Field Type", Selection: FieldTypes, Required: true),
            Char("relation", "Related Model"), new FieldSchema("selection_ids", "one2many", "Selection Options", "ir.model.fields.selection"),
            new FieldSchema("required", "boolean", "Required"), new FieldSchema("readonly", "boolean", "Readonly"),
            new FieldSchema("store", "boolean", "Stored"), new FieldSchema("index", "boolean", "Indexed"),
            new FieldSchema("size", "integer", "Size"),
            new FieldSchema("state", "selection", "Type", Selection: ManualStates, Required: true, Readonly: true));
        Add(catalog, version, "ir.model.fields.selection",
            M2O("field_id", "Field", "ir.model.fields", required: true), Char("value", "Value", required: true),
            Char("name", "Name", required: true), new FieldSchema("sequence", "integer", "Sequence"));
        Add(catalog, version, "res.users",
            Char("name", "Name"), Char("login", "Login", required: true), M2O("partner_id", "Related Partner", "res.partner", required: true),
            M2O("company_id", "Company", "res.company", required: true), Char("tz", "Timezone"), Char("lang", "Language"));
    }

    private static FieldSchema Char(string name, string label, bool required = false, bool isReadonly = false) =>
        new(name, "char", label, Required: required, Readonly: isReadonly);

    private static FieldSchema M2O(string name, string label, string relation, bool required = false, bool store = true) =>
        new(name, "many2one", label, relation, Required: required, Store: store);

    private static void Add(SchemaCatalog catalog, int version, string model, params FieldSchema[] fields)
    {
        var schema = catalog.GetOrAdd(model);
        schema.Set(new FieldSchema("id", "integer", "ID", Readonly: true));
        foreach (var field in fields)
        {
            schema.Set(field);
        }

        schema.Set(new FieldSchema("display_name", "char", "Display Name", Readonly: true, Store: false));
        schema.Set(M2O("create_uid", "Created by", "res.users") with { Readonly = true });
        schema.Set(new FieldSchema("create_date", "datetime", "Created on", Readonly: true));
        schema.Set(M2O("write_uid", "Last Updated by", "res.users") with { Readonly = true });
        schema.Set(new FieldSchema("write_date", "datetime", "Last Updated on", Readonly: true));
        if (version == 16)
        {
            schema.Set(new FieldSchema("__last_update", "datetime", "Last Modified on", Readonly: true, Store: false));
        }
    }
}
