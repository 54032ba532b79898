from odoo import release
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase, new_test_user

from . import common


@tagged("post_install", "-at_install")
class TestCertyoSettings(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receiver = common.Receiver()
        cls.addClassCleanup(cls.receiver.close)
        cls.stock_user = new_test_user(cls.env, "certyo_stock_user", groups="stock.group_stock_user")
        cls.service_user = new_test_user(
            cls.env, "certyo_service_user",
            groups="stock.group_stock_user,certyo_connector.group_certyo_service")
        cls.admin = new_test_user(cls.env, "certyo_admin", groups="base.group_system,stock.group_stock_manager")
        cls.product = common.make_product(cls.env)

    def setUp(self):
        super().setUp()
        self.receiver.requests.clear()
        self.receiver.status = 202

    def test_settings_are_admin_only_parameters(self):
        settings = self.env["res.config.settings"].with_user(self.admin).create({
            "certyo_service_url": "https://certyo.example.com",
            "certyo_tenant": "acme",
            "certyo_webhook_secret": "s3cret-s3cret-s3cret",
            "certyo_api_key": "key-123",
        })
        settings.execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("certyo_connector.service_url"), "https://certyo.example.com")
        self.assertEqual(params.get_param("certyo_connector.webhook_secret"), "s3cret-s3cret-s3cret")
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(self.stock_user).search_read(
                [("key", "=like", "certyo_connector.%")], ["value"])

    def test_settings_view_shows_the_fields_to_admins(self):
        arch = self.env["res.config.settings"].with_user(self.admin).get_views([(False, "form")])
        arch = arch["views"]["form"]["arch"]
        for name in ("certyo_service_url", "certyo_tenant", "certyo_webhook_secret", "certyo_api_key"):
            self.assertIn('name="%s"' % name, arch)

    def test_views_show_the_proof_fields(self):
        list_type = "list" if release.version_info[0] >= 18 else "tree"
        for model in ("stock.picking", "mrp.production", "stock.lot"):
            views = self.env[model].with_user(self.admin).get_views(
                [(False, "form"), (False, list_type), (False, "search")])["views"]
            for view_type in ("form", list_type):
                for name in ("x_certyo_anchor_status", "x_certyo_anchored_at", "x_certyo_record_hash"):
                    self.assertIn('name="%s"' % name, views[view_type]["arch"], (model, view_type))
            for name in ("certyo_anchored", "certyo_pending", "certyo_failed"):
                self.assertIn('name="%s"' % name, views["search"]["arch"], model)

    def test_proof_fields_are_written_by_the_service_user_only(self):
        picking = common.make_receipts(self.env, self.product)
        with self.assertRaises(AccessError):
            picking.with_user(self.stock_user).write({"x_certyo_anchor_status": "anchored"})
        picking.with_user(self.service_user).write(
            {"x_certyo_anchor_status": "ingested", "x_certyo_record_hash": "ab" * 32})
        self.assertEqual(picking.x_certyo_anchor_status, "ingested")
        picking.with_user(self.stock_user).write({"origin": "still editable"})

    def test_resync_calls_the_service_rest_api(self):
        common.configure(self.env, self.receiver.url, api_key="key-123")
        self.env["ir.config_parameter"].sudo().set_param(
            "certyo_connector.resync_path", "/api/tenants/{tenant}/records/{model}/{id}/resync")
        pickings = common.make_receipts(self.env, self.product, count=2)

        action = pickings.with_user(self.admin).action_certyo_resync()

        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(
            sorted(r["path"] for r in self.receiver.requests),
            sorted("/api/tenants/acme/records/stock.picking/%d/resync" % i for i in pickings.ids))
        self.assertTrue(all(r["headers"]["X-Api-Key"] == "key-123" for r in self.receiver.requests))

    def test_resync_is_for_admins(self):
        common.configure(self.env, self.receiver.url, api_key="key-123")
        picking = common.make_receipts(self.env, self.product)
        with self.assertRaises(AccessError):
            picking.with_user(self.stock_user).action_certyo_resync()
        self.assertEqual(self.receiver.requests, [])

    def test_resync_with_service_down_reports_instead_of_raising(self):
        common.configure(self.env, common.closed_port_url(), api_key="key-123")
        pickings = common.make_receipts(self.env, self.product, count=2)

        action = pickings.with_user(self.admin).action_certyo_resync()

        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn(pickings[1].display_name, action["params"]["message"])
