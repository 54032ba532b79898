from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        # Every validation of a picking or manufacturing order ends moves here; the notifier
        # keeps only the pickings and orders that are done when the transaction commits.
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        touched = self | moves
        notifier = self.env["certyo.notifier"]
        notifier._certyo_schedule(touched.picking_id)
        notifier._certyo_schedule(touched.production_id | touched.raw_material_production_id)
        return moves
