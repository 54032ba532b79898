"""HTTP to the Certyo service: signing and posting, with no Odoo import so it can be checked alone."""
import hashlib
import hmac
import json
import logging
import time
from datetime import datetime, timezone

import requests

_logger = logging.getLogger(__name__)

# A user's validation may be waiting on this call: keep it short (the brief caps it at 2 s).
NOTIFY_TIMEOUT = 2.0
RESYNC_TIMEOUT = 5.0
# The service refuses bodies over 64 KiB; 1000 ids stay far below it.
MAX_IDS_PER_NOTIFICATION = 1000
WEBHOOK_PATH = "/webhooks/odoo/{tenant}"
DEFAULT_RESYNC_PATH = "/api/tenants/{tenant}/records/{model}/{id}/resync"


def sign(secret, timestamp, body):
    """Hex HMAC-SHA256 of "{timestamp}.{body}" with the tenant's webhook secret."""
    message = b"%d." % int(timestamp) + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def build_notification(db, model, ids, event, now=None):
    """The JSON body the service expects, as bytes (compact, stable key order)."""
    now = now if now is not None else time.time()
    sent_at = datetime.fromtimestamp(now, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    payload = {"db": db, "model": model, "ids": sorted(ids), "event": event, "sent_at": sent_at}
    return json.dumps(payload, separators=(",", ":")).encode("utf-8")


def signed_headers(secret, body, now=None):
    timestamp = int(now if now is not None else time.time())
    return {
        "Content-Type": "application/json",
        "X-Certyo-Timestamp": str(timestamp),
        "X-Certyo-Signature": "sha256=" + sign(secret, timestamp, body),
    }


def webhook_url(service_url, tenant):
    return service_url.rstrip("/") + WEBHOOK_PATH.format(tenant=tenant)


def resync_url(service_url, path_template, tenant, model, record_id):
    path = (path_template or DEFAULT_RESYNC_PATH).format(tenant=tenant, model=model, id=record_id)
    return service_url.rstrip("/") + "/" + path.lstrip("/")


def post(url, body, headers, timeout):
    """The one place that does HTTP; tests replace it or point it at a loopback receiver."""
    return requests.post(url, data=body, headers=headers, timeout=timeout)


def notify(config, db, model, ids, event):
    """Posts one signed notification per chunk of ids. Logs and never raises: the
    transaction is already committed, and a down service must not disturb the user."""
    sent = 0
    ids = sorted(set(ids))
    for start in range(0, len(ids), MAX_IDS_PER_NOTIFICATION):
        chunk = ids[start:start + MAX_IDS_PER_NOTIFICATION]
        try:
            body = build_notification(db, model, chunk, event)
            headers = signed_headers(config["secret"], body)
            response = post(webhook_url(config["url"], config["tenant"]), body, headers, NOTIFY_TIMEOUT)
            if response.status_code >= 300:
                _logger.warning(
                    "Certyo service answered %s to the notification for %s %s; "
                    "its reconciliation will pick the records up.",
                    response.status_code, model, chunk)
            else:
                sent += 1
                _logger.info("Certyo notified: %s %s (%s)", model, chunk, event)
        except Exception as exc:  # noqa: BLE001 - never let a notification fail the request
            _logger.warning(
                "Certyo service unreachable for %s %s (%s); its reconciliation will pick "
                "the records up.", model, chunk, type(exc).__name__)
    return sent
