using System.Text.Json.Nodes;
using CertyoOdoo.Sandbox.Odoo.Store;

namespace CertyoOdoo.Sandbox.Odoo.Rpc;

/// <summary>
/// button_validate (stock.picking) and button_mark_done (mrp.production) as Odoo runs them: the
/// wizards Odoo answers with unless the context skips them, then done with its date, in one
/// transaction whose notifications follow the series' rules.
/// </summary>
internal sealed class StateActions(OdooStore store, TransactionRunner runner)
{
    public Task<JsonNode?> ValidatePickingsAsync(BoundArgs args, CancellationToken cancellationToken) =>
        runner.RunAsync(args.Uid, tx => ValidatePickings(tx, args.Ids(), args), cancellationToken);

    public Task<JsonNode?> MarkProductionsDoneAsync(BoundArgs args, CancellationToken cancellationToken) =>
        runner.RunAsync(args.Uid, tx => MarkProductionsDone(tx, args.Ids(), args), cancellationToken);

    private JsonNode? ValidatePickings(Transaction tx, List<int> ids, BoundArgs args)
    {
        const string model = "stock.picking";
        using var _ = store.ReadLock();
        var pickings = store.Table(model);
        var missing = ids.Where(id => !pickings.Exists(id)).ToList();
        if (missing.Count > 0)
        {
            throw OdooError.Missing(model, missing, args.Uid);
        }

        var open = ids.Where(id => tx.Get(model, id, "state") as string != "done").ToList();
        if (open.Any(id => tx.Get(model, id, "state") as string == "cancel"))
        {
            throw OdooError.User("You cannot validate a transfer if no quantities are reserved nor done. You can use the info button to validate it.");
        }

        var lines = open.ToDictionary(id => id, id => store.Inverses.Children("stock.move.line", "picking_id", id).ToList());
        if (open.Any(id => lines[id].Count == 0 && store.Inverses.Children("stock.move", "picking_id", id).Count == 0))
        {
            throw OdooError.User("Please add some items to move.");
        }

        // stock_sms first, then (16) the immediate transfer, then the backorder question: Odoo's order.
        if (!args.ContextFlag("skip_sms") && open.Any(NeedsSmsConfirmation))
        {
            return Wizards.Sms(open, args.Context);
        }

        if (store.Version == 16 && !args.ContextFlag("skip_immediate") && open.Any(id => lines[id].All(l => (tx.Get("stock.move.line", l, "qty_done") as double? ?? 0) == 0)))
        {
            return Wizards.ImmediateTransfer(open, args.Context);
        }

        var notToBackorder = (args.Context["picking_ids_not_to_backorder"] as JsonArray ?? []).Select(JsonValues.AsInt).OfType<int>().ToHashSet();
        var short_ = open.Where(id => IsShort(tx, id)).ToList();
        if (short_.Count > 0 && !args.ContextFlag("skip_backorder"))
        {
            return Wizards.Backorder(open, args.Context);
        }

        foreach (var id in open)
        {
            if (short_.Contains(id) && !notToBackorder.Contains(id))
            {
                CreateBackorder(tx, id);
            }

            Done(tx, id, lines[id]);
        }

        return true;
    }

    private JsonNode? MarkProductionsDone(Transaction tx, List<int> ids, BoundArgs args)
    {
        const string model = "mrp.production";
        using var _ = store.ReadLock();
        var productions = store.Table(model);
        var missing = ids.Where(id => !productions.Exists(id)).ToList();
        if (missing.Count > 0)
        {
            throw OdooError.Missing(model, missing, args.Uid);
        }

        var open = ids.Where(id => tx.Get(model, id, "state") as string is not ("done" or "cancel")).ToList();
        if (store.Version <= 17 && !args.ContextFlag("skip_immediate") && open.Any(id => (tx.Get(model, id, "qty_producing") as double? ?? 0) == 0))
        {
            return Wizards.ImmediateProduction(open, args.Context);
        }

        foreach (var id in open)
        {
            var quantity = tx.Get(model, id, "qty_producing") as double? ?? 0;
            if (quantity == 0)
            {
                quantity = tx.Get(model, id, "product_qty") as double? ?? 1;
                tx.Set(model, id, "qty_producing", quantity);
            }

            tx.Done.Add(new DoneTransition(model, id, tx.Get(model, id, "date_finished")));
            tx.Set(model, id, "state", "done");
            tx.Set(model, id, "date_finished", tx.Now);
            tx.Touch(model, id);
        }

        return true;
    }

    private void Done(Transaction tx, int picking, List<int> lines)
    {
        const string model = "stock.picking";
        tx.Done.Add(new DoneTransition(model, picking, tx.Get(model, picking, "date_done")));
        foreach (var line in lines)
        {
            var quantity = tx.Get("stock.move.line", line, "quantity") as double? ?? tx.Get("stock.move.line", line, "reserved_uom_qty") as double? ?? 0;
            if ((tx.Get("stock.move.line", line, "qty_done") as double? ?? 0) == 0)
            {
                tx.Set("stock.move.line", line, "qty_done", quantity);
            }

            tx.Set("stock.move.line", line, "reserved_uom_qty", 0.0);
            tx.Set("stock.move.line", line, "picked", true);
            tx.Set("stock.move.line", line, "state", "done");
            tx.Set("stock.move.line", line, "date", tx.Now);
            tx.Touch("stock.move.line", line);
        }

        foreach (var move in store.Inverses.Children("stock.move", "picking_id", picking))
        {
            tx.Set("stock.move", move, "state", "done");
            tx.Set("stock.move", move, "picked", true);
            tx.Set("stock.move", move, "quantity_done", tx.Get("stock.move", move, "quantity") ?? tx.Get("stock.move", move, "product_uom_qty"));
            tx.Set("stock.move", move, "date", tx.Now);
            tx.Touch("stock.move", move);
        }

        tx.Set(model, picking, "state", "done");
        tx.Set(model, picking, "date_done", tx.Now);
        tx.Touch(model, picking);
    }

    /// <summary>A backorder for what a short picking leaves: a new ready picking with the missing quantities.</summary>
    private void CreateBackorder(Transaction tx, int picking)
    {
        const string model = "stock.picking";
        var type = tx.Get(model, picking, "picking_type_id") as int? ?? 2;
        var row = new Dictionary<string, object?>();
        foreach (var field in new[] { "partner_id", "origin", "company_id", "location_id", "location_dest_id", "picking_type_id", "priority", "scheduled_date", "move_type", "user_id" })
        {
            row[field] = tx.Get(model, picking, field);
        }

        row["name"] = store.NextName(type);
        row["state"] = "confirmed";
        row["backorder_id"] = picking;
        var backorder = tx.Insert(model, row);
        foreach (var move in store.Inverses.Children("stock.move", "picking_id", picking))
        {
            var demand = tx.Get("stock.move", move, "product_uom_qty") as double? ?? 0;
            var reserved = Reserved(tx, move);
            if (reserved < demand)
            {
                tx.Set("stock.move", move, "product_uom_qty", reserved);
                tx.Insert("stock.move", new Dictionary<string, object?>
                {
                    ["name"] = row["name"], ["reference"] = row["name"], ["picking_id"] = backorder, ["product_id"] = tx.Get("stock.move", move, "product_id"),
                    ["product_uom_qty"] = demand - reserved, ["product_qty"] = demand - reserved, ["product_uom"] = 1, ["state"] = "confirmed",
                    ["location_id"] = row["location_id"], ["location_dest_id"] = row["location_dest_id"], ["company_id"] = row["company_id"],
                    ["picking_type_id"] = type, ["partner_id"] = row["partner_id"], ["sequence"] = 10L, ["date"] = tx.Now,
                });
            }
        }
    }

    private bool IsShort(Transaction tx, int picking) =>
        store.Inverses.Children("stock.move", "picking_id", picking).Any(move => Reserved(tx, move) < (tx.Get("stock.move", move, "product_uom_qty") as double? ?? 0));

    private double Reserved(Transaction tx, int move) =>
        store.Inverses.Children("stock.move.line", "move_id", move).Sum(line =>
            tx.Get("stock.move.line", line, "quantity") as double? ?? tx.Get("stock.move.line", line, "reserved_uom_qty") as double? ?? 0);

    /// <summary>stock_sms: outgoing, the partner has a phone and the company never confirmed the SMS warning.</summary>
    private bool NeedsSmsConfirmation(int picking)
    {
        var row = store.Table("stock.picking").Get(picking);
        var type = row.GetValueOrDefault("picking_type_id") is int t ? store.Table("stock.picking.type").Find(t) : null;
        var partner = row.GetValueOrDefault("partner_id") is int p ? store.Table("res.partner").Find(p) : null;
        return type?.GetValueOrDefault("code") as string == "outgoing" && partner?.GetValueOrDefault("phone") is string { Length: > 0 };
    }
}
