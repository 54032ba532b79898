from odoo import models


class StockLot(models.Model):
    _name = "stock.lot"
    _inherit = ["stock.lot", "certyo.anchored.mixin"]

    def _certyo_final_domain(self):
        # Lots have no state; the service anchors them through reconciliation.
        return []
