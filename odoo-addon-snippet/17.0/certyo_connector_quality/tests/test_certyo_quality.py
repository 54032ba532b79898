import json

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.certyo_connector.tests import common


@tagged("post_install", "-at_install")
class TestCertyoQuality(TransactionCase):
    """Needs Enterprise's quality_control; not run on the Community servers we test on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.receiver = common.Receiver()
        cls.addClassCleanup(cls.receiver.close)
        cls.product = common.make_product(cls.env)

    def test_passed_and_failed_checks_are_announced_once_after_commit(self):
        common.configure(self.env, self.receiver.url)
        self.env.cr.flush()
        self.env.cr.postcommit.clear()
        team = self.env["quality.alert.team"].search([], limit=1)
        checks = self.env["quality.check"].create([
            {"product_id": self.product.id, "team_id": team.id} for _ in range(2)])
        checks[0].do_pass()
        checks[1].do_fail()
        self.assertEqual(self.receiver.requests, [])

        common.simulate_commit(self.env.cr)

        self.assertEqual(len(self.receiver.requests), 1)
        body = json.loads(self.receiver.requests[0]["body"])
        self.assertEqual((body["model"], body["ids"]), ("quality.check", sorted(checks.ids)))
        self.assertTrue(common.signature_is_valid(self.receiver.requests[0]))
