from odoo import models


class QualityCheck(models.Model):
    _name = "quality.check"
    _inherit = ["quality.check", "certyo.anchored.mixin"]

    def _certyo_final_domain(self):
        return [("quality_state", "in", ("pass", "fail"))]

    def write(self, vals):
        res = super().write(vals)
        # do_pass() and do_fail() both end in this write.
        if vals.get("quality_state") in ("pass", "fail"):
            self.env["certyo.notifier"]._certyo_schedule(self)
        return res
