using System.Text.Json.Nodes;

namespace CertyoOdoo.Sandbox.Odoo.Rpc;

/// <summary>The window actions Odoo answers instead of validating, shaped like Odoo's.</summary>
internal static class Wizards
{
    public static JsonObject Sms(List<int> ids, JsonObject context) =>
        Action("SMS", "confirm.stock.sms", 540, Merge(context, ("button_validate_picking_ids", Ids(ids))), resId: 1);

    public static JsonObject ImmediateTransfer(List<int> ids, JsonObject context) =>
        Action("Immediate Transfer?", "stock.immediate.transfer", 512, Merge(context,
            ("button_validate_picking_ids", Ids(ids)), ("default_show_transfers", false),
            ("default_pick_ids", new JsonArray([.. ids.Select(id => (JsonNode)new JsonArray(4, id))])),
            ("default_immediate_transfer_line_ids", new JsonArray([.. ids.Select(id => (JsonNode)new JsonArray(0, 0, new JsonObject { ["picking_id"] = id, ["to_immediate"] = true }))]))));

    public static JsonObject Backorder(List<int> ids, JsonObject context) =>
        Action("Create Backorder?", "stock.backorder.confirmation", 521, Merge(context,
            ("button_validate_picking_ids", Ids(ids)), ("default_show_transfers", false),
            ("default_pick_ids", new JsonArray([.. ids.Select(id => (JsonNode)new JsonArray(4, id))]))));

    public static JsonObject ImmediateProduction(List<int> ids, JsonObject context) =>
        Action("Immediate Production?", "mrp.immediate.production", 730, Merge(context,
            ("default_mo_ids", new JsonArray([.. ids.Select(id => (JsonNode)new JsonArray(4, id))])),
            ("default_immediate_production_line_ids", new JsonArray([.. ids.Select(id => (JsonNode)new JsonArray(0, 0, new JsonObject { ["production_id"] = id, ["to_immediate"] = true }))]))));

    private static JsonObject Action(string name, string model, int viewId, JsonObject context, int? resId = null)
    {
        var action = new JsonObject
        {
            ["name"] = name,
            ["type"] = "ir.actions.act_window",
            ["res_model"] = model,
            ["view_mode"] = "form",
            ["views"] = new JsonArray(new JsonArray(viewId, "form")),
            ["view_id"] = viewId,
            ["target"] = "new",
            ["context"] = context,
        };
        if (resId is { } id)
        {
            action["res_id"] = id;
        }

        return action;
    }

    private static JsonArray Ids(List<int> ids) => [.. ids.Select(id => (JsonNode)id)];

    private static JsonObject Merge(JsonObject context, params (string Key, JsonNode? Value)[] extra)
    {
        var merged = (JsonObject)context.DeepClone();
        foreach (var (key, value) in extra)
        {
            merged[key] = value;
        }

        return merged;
    }
}
