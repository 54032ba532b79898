from odoo import fields, models

from .certyo_http import DEFAULT_RESYNC_PATH


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Stored in ir.config_parameter, which only Settings admins can read.
    certyo_service_url = fields.Char(
        string="Certyo Service URL", config_parameter="certyo_connector.service_url",
        groups="base.group_system", help="Base URL of the Certyo service, e.g. https://certyo.example.com")
    certyo_tenant = fields.Char(
        string="Certyo Tenant", config_parameter="certyo_connector.tenant", groups="base.group_system")
    certyo_webhook_secret = fields.Char(
        string="Certyo Webhook Secret", config_parameter="certyo_connector.webhook_secret",
        groups="base.group_system", help="The tenant's Webhook:Secret on the service; signs every notification.")
    certyo_api_key = fields.Char(
        string="Certyo API Key", config_parameter="certyo_connector.api_key", groups="base.group_system",
        help="API key of the service's REST API, used by the Resync to Certyo action.")
    certyo_resync_path = fields.Char(
        string="Certyo Resync Path", config_parameter="certyo_connector.resync_path",
        groups="base.group_system", default=DEFAULT_RESYNC_PATH,
        help="Path of the service's resync call; {tenant}, {model} and {id} are replaced.")
