import json
import time
from unittest.mock import patch

import requests

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from ..models import certyo_http
from . import common


@tagged("post_install", "-at_install")
class TestCertyoNotification(TransactionCase):
    """Validations in the test transaction; commits are simulated with the cursor's own hooks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receiver = common.Receiver()
        cls.addClassCleanup(cls.receiver.close)
        cls.product = common.make_product(cls.env)

    def setUp(self):
        super().setUp()
        common.configure(self.env, self.receiver.url)
        # Start each test from a clean transaction: no hooks left by the fixtures.
        self.env.cr.flush()
        self.env.cr.postcommit.clear()
        self.receiver.requests.clear()
        self.receiver.status = 202
        self.receiver.delay = 0.0

    def test_sent_after_commit_only_and_once_for_many_records(self):
        pickings = common.make_receipts(self.env, self.product, count=3)
        common.validate(pickings)
        self.assertEqual(set(pickings.mapped("state")), {"done"})
        self.env.cr.flush()  # a flush inside the transaction is not a commit
        self.assertEqual(self.receiver.requests, [], "nothing may leave before the commit")

        common.simulate_commit(self.env.cr)

        self.assertEqual(len(self.receiver.requests), 1)
        request = self.receiver.requests[0]
        self.assertEqual(request["path"], "/webhooks/odoo/%s" % common.TENANT)
        body = json.loads(request["body"])
        self.assertEqual(set(body), {"db", "model", "ids", "event", "sent_at"})
        self.assertEqual(body["db"], self.env.cr.dbname)
        self.assertEqual(body["model"], "stock.picking")
        self.assertEqual(body["ids"], sorted(pickings.ids))
        self.assertEqual(body["event"], "done")

        common.simulate_commit(self.env.cr)  # a later, empty transaction sends nothing more
        self.assertEqual(len(self.receiver.requests), 1)

    def test_signature_is_hmac_of_timestamp_and_body(self):
        common.validate(common.make_receipts(self.env, self.product))
        common.simulate_commit(self.env.cr)

        request = self.receiver.requests[0]
        self.assertEqual(request["headers"]["Content-Type"], "application/json")
        self.assertTrue(common.signature_is_valid(request))
        self.assertFalse(common.signature_is_valid(request, secret="another-secret-0123456789"))
        self.assertLess(abs(time.time() - int(request["headers"]["X-Certyo-Timestamp"])), 60)

    def test_rolled_back_validation_sends_nothing(self):
        picking = common.make_receipts(self.env, self.product)
        with self.assertRaises(UserError):
            with self.env.cr.savepoint():
                common.validate(picking)
                self.assertEqual(picking.state, "done")
                raise UserError("the user's transaction fails after the validation")
        self.env.invalidate_all()
        self.assertNotEqual(picking.state, "done")

        common.simulate_commit(self.env.cr)

        self.assertEqual(self.receiver.requests, [])

    def test_one_notification_per_model(self):
        pickings = common.make_receipts(self.env, self.product, count=2)
        common.validate(pickings)
        production = common.make_done_production(self.env, self.product)
        self.assertEqual(production.state, "done")

        common.simulate_commit(self.env.cr)

        bodies = sorted(self.receiver.notifications(), key=lambda b: b["model"])
        self.assertEqual([b["model"] for b in bodies], ["mrp.production", "stock.picking"])
        self.assertEqual(bodies[0]["ids"], production.ids)
        self.assertEqual(bodies[1]["ids"], sorted(pickings.ids))

    def test_records_not_done_are_not_announced(self):
        picking = common.make_receipts(self.env, self.product)
        self.env["certyo.notifier"]._certyo_schedule(picking)

        common.simulate_commit(self.env.cr)

        self.assertEqual(self.receiver.requests, [])

    def test_service_down_never_raises(self):
        common.configure(self.env, common.closed_port_url())
        picking = common.make_receipts(self.env, self.product)
        common.validate(picking)

        with self.assertLogs("odoo.addons.certyo_connector", level="WARNING") as logs:
            common.simulate_commit(self.env.cr)

        self.assertEqual(picking.state, "done")
        self.assertIn("unreachable", "\n".join(logs.output))
        self.assertNotIn(common.SECRET, "\n".join(logs.output))

    def test_error_status_is_logged_not_raised(self):
        self.receiver.status = 503
        common.validate(common.make_receipts(self.env, self.product))

        with self.assertLogs("odoo.addons.certyo_connector", level="WARNING") as logs:
            common.simulate_commit(self.env.cr)

        self.assertEqual(len(self.receiver.requests), 1)
        self.assertIn("503", "\n".join(logs.output))

    def test_slow_service_is_cut_short(self):
        # Odoo 18+ test runs stretch request timeouts to 10 s, so observe the timeout asked for
        # and let the call time out the way requests does.
        asked = []

        def post_that_times_out(url, **kwargs):
            asked.append(kwargs["timeout"])
            raise requests.Timeout("read timed out")

        common.validate(common.make_receipts(self.env, self.product))

        with patch.object(certyo_http.requests, "post", post_that_times_out), \
                self.assertLogs("odoo.addons.certyo_connector", level="WARNING") as logs:
            common.simulate_commit(self.env.cr)

        self.assertEqual(len(asked), 1)
        self.assertLessEqual(asked[0], 2)
        self.assertIn("Timeout", "\n".join(logs.output))

    def test_unconfigured_module_stays_silent(self):
        self.env["ir.config_parameter"].sudo().set_param("certyo_connector.service_url", "")
        common.validate(common.make_receipts(self.env, self.product))

        common.simulate_commit(self.env.cr)

        self.assertEqual(self.receiver.requests, [])
