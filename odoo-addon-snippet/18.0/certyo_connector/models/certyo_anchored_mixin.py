"""The proof status fields, their write protection and the Resync action, shared by every model
the connector anchors."""
import requests

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from . import certyo_http

CERTYO_FIELDS = ("x_certyo_record_hash", "x_certyo_anchor_status", "x_certyo_anchored_at")
MAX_RESYNC = 200


class CertyoAnchoredMixin(models.AbstractModel):
    _name = "certyo.anchored.mixin"
    _description = "Certyo proof status"

    x_certyo_record_hash = fields.Char(
        string="Certyo Record Hash", size=64, readonly=True, copy=False,
        help="Hash Certyo computed for the record when it was ingested.")
    x_certyo_anchor_status = fields.Selection(
        [("ingested", "Ingested"), ("anchored", "Anchored"), ("failed", "Failed")],
        string="Certyo Status", readonly=True, copy=False, index=True,
        help="Written by the Certyo service: ingested, then anchored once the proof is on chain.")
    x_certyo_anchored_at = fields.Datetime(string="Certyo Anchored On", readonly=True, copy=False)

    def _certyo_final_domain(self):
        """Records matching this domain are worth a notification."""
        return [("state", "=", "done")]

    def _certyo_check_status_writer(self, vals):
        # The status is evidence: only the service's user (or an admin) may set it.
        if not any(name in vals for name in CERTYO_FIELDS):
            return
        user = self.env.user
        if self.env.su or user.has_group("base.group_system") or user.has_group(
                "certyo_connector.group_certyo_service"):
            return
        raise AccessError(_("Only the Certyo service user may change the Certyo proof fields."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._certyo_check_status_writer(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._certyo_check_status_writer(vals)
        return super().write(vals)

    def action_certyo_resync(self):
        """Asks the Certyo service to send these records again (admins only)."""
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(_("Only administrators can resync records to Certyo."))
        if len(self) > MAX_RESYNC:
            raise UserError(_("Select at most %s records, or use the service's backfill.", MAX_RESYNC))
        config = self.env["certyo.notifier"]._certyo_config()
        if config is None or not config["api_key"]:
            raise UserError(_("Set the Certyo service URL, tenant and API key in Settings first."))
        done, failed = 0, []
        for index, record in enumerate(self):
            url = certyo_http.resync_url(
                config["url"], config["resync_path"], config["tenant"], record._name, record.id)
            try:
                response = certyo_http.post(
                    url, b"", {"X-Api-Key": config["api_key"]}, certyo_http.RESYNC_TIMEOUT)
            except requests.RequestException:
                # The service is down: the remaining records would fail the same way.
                failed.extend(self[index:].mapped("display_name"))
                break
            if response.status_code < 300:
                done += 1
            else:
                failed.append(record.display_name)
        if failed:
            message = _("%(done)s sent to Certyo; not sent: %(failed)s",
                        done=done, failed=", ".join(failed))
        else:
            message = _("%s sent to Certyo.", done)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Resync to Certyo"),
                "message": message,
                "type": "warning" if failed else "success",
                "sticky": bool(failed),
            },
        }
