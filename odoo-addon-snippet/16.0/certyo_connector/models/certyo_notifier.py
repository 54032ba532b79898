"""Collects the records that reached a final state in the current transaction and notifies the
Certyo service once per model, after the transaction commits."""
import functools
import logging

from odoo import api, models

from . import certyo_http

_logger = logging.getLogger(__name__)

PARAM_PREFIX = "certyo_connector."
# Candidates live in the precommit queue: a rolled-back savepoint clears them with it.
CANDIDATES_KEY = "certyo_connector.candidates"
# Confirmed records wait in the postcommit queue: a rolled-back transaction clears them.
PENDING_KEY = "certyo_connector.pending"
EVENT_DONE = "done"


def _send_pending(pending):
    """Postcommit callback: runs after COMMIT, so it must not touch the database."""
    for model in sorted(pending["ids"]):
        certyo_http.notify(pending["config"], pending["db"], model, pending["ids"][model], EVENT_DONE)


class CertyoNotifier(models.AbstractModel):
    _name = "certyo.notifier"
    _description = "Certyo service notifications"

    @api.model
    def _certyo_config(self):
        """Connection settings, or None when the module is not configured. The parameters are
        readable by Settings admins only, so this read is the one sudo() of the module."""
        params = self.env["ir.config_parameter"].sudo()
        config = {
            key: (params.get_param(PARAM_PREFIX + name) or "").strip()
            for key, name in (
                ("url", "service_url"),
                ("tenant", "tenant"),
                ("secret", "webhook_secret"),
                ("api_key", "api_key"),
                ("resync_path", "resync_path"),
            )
        }
        if not (config["url"] and config["tenant"]):
            return None
        return config

    @api.model
    def _certyo_schedule(self, records):
        """Remembers records that may have reached a final state; checked just before commit."""
        if not records:
            return
        precommit = self.env.cr.precommit
        candidates = precommit.data.get(CANDIDATES_KEY)
        if candidates is None:
            candidates = precommit.data[CANDIDATES_KEY] = {}
            precommit.add(functools.partial(self._certyo_confirm_candidates, candidates))
        entry = candidates.setdefault(records._name, {"env": records.env, "ids": set()})
        entry["ids"].update(records.ids)

    @api.model
    def _certyo_confirm_candidates(self, candidates):
        """Precommit: keeps the candidates that are final in the database and queues them for
        the postcommit sender (registered once per transaction)."""
        confirmed = {}
        for model, entry in candidates.items():
            records = entry["env"][model].browse(sorted(entry["ids"])).exists()
            final = records.filtered_domain(records._certyo_final_domain())
            if final:
                confirmed[model] = final.ids
        if not confirmed:
            return
        config = self._certyo_config()
        if config is None or not config["secret"]:
            _logger.debug("Certyo connector not configured; %s not notified.", confirmed)
            return
        postcommit = self.env.cr.postcommit
        pending = postcommit.data.get(PENDING_KEY)
        if pending is None:
            pending = postcommit.data[PENDING_KEY] = {"config": config, "db": self.env.cr.dbname, "ids": {}}
            postcommit.add(functools.partial(_send_pending, pending))
        for model, ids in confirmed.items():
            pending["ids"].setdefault(model, set()).update(ids)
