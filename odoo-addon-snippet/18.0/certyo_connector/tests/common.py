"""A loopback receiver standing in for the Certyo service, and helpers that build and validate
pickings and manufacturing orders the same way on Odoo 16 to 19."""
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = "test-secret-0123456789abcdef"
TENANT = "acme"


class Receiver:
    """Records every request; answers `status` after `delay` seconds."""

    def __init__(self):
        self.requests = []
        self.status = 202
        self.delay = 0.0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                receiver.requests.append(
                    {"path": self.path, "headers": dict(self.headers.items()), "body": body})
                if receiver.delay:
                    time.sleep(receiver.delay)
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def notifications(self):
        return [json.loads(r["body"]) for r in self.requests]


def closed_port_url():
    """A loopback URL nobody listens on: the service is down."""
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return "http://127.0.0.1:%d" % sock.getsockname()[1]


def signature_is_valid(request, secret=SECRET):
    timestamp = request["headers"]["X-Certyo-Timestamp"]
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + request["body"],
                        hashlib.sha256).hexdigest()
    return hmac.compare_digest(request["headers"]["X-Certyo-Signature"], "sha256=" + expected)


def configure(env, url, secret=SECRET, api_key=""):
    params = env["ir.config_parameter"].sudo()
    params.set_param("certyo_connector.service_url", url)
    params.set_param("certyo_connector.tenant", TENANT)
    params.set_param("certyo_connector.webhook_secret", secret)
    params.set_param("certyo_connector.api_key", api_key)


def make_product(env, name="Certyo test product"):
    return env["product.product"].create({"name": name, "type": "consu"})


def make_receipts(env, product, count=1):
    picking_type = env.ref("stock.picking_type_in")
    source = env.ref("stock.stock_location_suppliers")
    dest = picking_type.default_location_dest_id or env.ref("stock.stock_location_stock")
    move_fields = env["stock.move"]._fields
    pickings = env["stock.picking"]
    for _ in range(count):
        move = {
            "product_id": product.id, "product_uom_qty": 2, "product_uom": product.uom_id.id,
            "location_id": source.id, "location_dest_id": dest.id,
        }
        if "name" in move_fields:  # gone in 19.0
            move["name"] = product.name
        pickings |= env["stock.picking"].create({
            "picking_type_id": picking_type.id, "location_id": source.id,
            "location_dest_id": dest.id, "move_ids": [(0, 0, move)],
        })
    pickings.action_confirm()
    pickings.action_assign()
    return pickings


def validate(pickings):
    for move in pickings.move_ids:
        if "quantity_done" in move._fields:  # 16.0
            move.quantity_done = move.product_uom_qty
        else:
            move.quantity = move.product_uom_qty
            move.picked = True
    pickings.with_context(
        skip_backorder=True, skip_sms=True, picking_ids_not_to_backorder=pickings.ids,
    ).button_validate()


def make_done_production(env, product):
    from odoo.tests import Form  # set qty_producing through the form so its onchanges run

    production = env["mrp.production"].create({
        "product_id": product.id, "product_qty": 1, "product_uom_id": product.uom_id.id,
    })
    production.action_confirm()
    form = Form(production)
    form.qty_producing = 1
    production = form.save()
    production.with_context(skip_backorder=True).button_mark_done()
    return production


def simulate_commit(cr):
    """What Cursor.commit() does around the SQL COMMIT, which tests may not issue: flush (and
    precommit hooks), then the postcommit hooks."""
    cr.flush()
    cr.postcommit.run()
