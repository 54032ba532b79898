from odoo import models


class MrpProduction(models.Model):
    _name = "mrp.production"
    _inherit = ["mrp.production", "certyo.anchored.mixin"]

    def write(self, vals):
        res = super().write(vals)
        # Flexible-consumption orders are written to done directly, without a move.
        if vals.get("state") == "done":
            self.env["certyo.notifier"]._certyo_schedule(self)
        return res

    def button_mark_done(self):
        res = super().button_mark_done()
        self.env["certyo.notifier"]._certyo_schedule(self)
        return res
