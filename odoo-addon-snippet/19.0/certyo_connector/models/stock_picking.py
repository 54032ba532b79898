from odoo import models


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "certyo.anchored.mixin"]

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "done":
            self.env["certyo.notifier"]._certyo_schedule(self)
        return res
