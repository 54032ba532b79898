from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from . import common


@tagged("post_install", "-at_install")
class TestCertyoRealCommit(TransactionCase):
    """Real COMMIT and ROLLBACK on a second cursor: the notification must follow the commit and
    never a rollback. (It commits a product and a receipt into the test database.)"""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receiver = common.Receiver()
        cls.addClassCleanup(cls.receiver.close)

    def _config(self):
        config = {"url": self.receiver.url, "tenant": common.TENANT, "secret": common.SECRET,
                  "api_key": "", "resync_path": ""}
        # The parameters are not committed: the second cursor gets them from this patch.
        return patch.object(type(self.env["certyo.notifier"]), "_certyo_config", lambda self: config)

    def _validate_on_own_cursor(self, finish):
        cr = self.registry.cursor()
        try:
            env = api.Environment(cr, SUPERUSER_ID, {})
            product = common.make_product(env, "Certyo commit test")
            picking = common.make_receipts(env, product)
            common.validate(picking)
            self.assertEqual(picking.state, "done")
            cr.flush()
            self.assertEqual(self.receiver.requests, [], "sent before the transaction ended")
            finish(cr)
            return picking.id
        finally:
            cr.close()

    def test_commit_sends_once(self):
        self.receiver.requests.clear()
        with self._config():
            picking_id = self._validate_on_own_cursor(lambda cr: cr.commit())

        self.assertEqual(len(self.receiver.requests), 1)
        self.assertTrue(common.signature_is_valid(self.receiver.requests[0]))
        self.assertEqual(self.receiver.notifications()[0]["ids"], [picking_id])

    def test_rollback_sends_nothing(self):
        self.receiver.requests.clear()
        with self._config():
            self._validate_on_own_cursor(lambda cr: cr.rollback())

        self.assertEqual(self.receiver.requests, [])
