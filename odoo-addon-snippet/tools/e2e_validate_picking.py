#!/usr/bin/env python3
"""End-to-end check against a running Odoo with certyo_connector installed: a loopback receiver
stands in for the Certyo service, the module is pointed at it over XML-RPC, and then

1. a receipt validated over XML-RPC must arrive once, signed, after the commit;
2. a validation rolled back (a server action that validates, then raises) must send nothing;
3. with the service down (closed port) a validation must still succeed, quickly;
4. with a service that hangs, a validation must still succeed within the 2 s timeout (+ margin).

Usage: e2e_validate_picking.py URL DB LOGIN PASSWORD   (stdlib only; prints one line per check)
"""
import hashlib
import hmac
import json
import socket
import sys
import threading
import time
import xmlrpc.client
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = "e2e-secret-0123456789abcdef"
TENANT = "e2e"


class Receiver:
    def __init__(self, read_states=None):
        self.posts = []
        self.delay = 0.0
        # Reads the notified records from Odoo on another connection while the post is held:
        # "done" there proves the notifying transaction had committed.
        self.read_states = read_states
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                ts = self.headers.get("X-Certyo-Timestamp", "")
                expected = "sha256=" + hmac.new(SECRET.encode(), ts.encode() + b"." + body,
                                                hashlib.sha256).hexdigest()
                receiver.posts.append({
                    "at": time.time(), "path": self.path, "body": json.loads(body),
                    "signature_ok": hmac.compare_digest(self.headers.get("X-Certyo-Signature", ""), expected),
                    "timestamp_age_s": round(time.time() - int(ts or 0), 1),
                    "states_seen": receiver.read_states(json.loads(body)) if receiver.read_states else None,
                })
                if receiver.delay:
                    time.sleep(receiver.delay)
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait(self, count, timeout=5.0):
        deadline = time.time() + timeout
        while len(self.posts) < count and time.time() < deadline:
            time.sleep(0.05)
        return self.posts


def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return "http://127.0.0.1:%d" % sock.getsockname()[1]


def main(url, db, login, password):
    common = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common", allow_none=True)
    uid = common.authenticate(db, login, password, {})
    models = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/object", allow_none=True)
    version = common.version()["server_version"]

    def call(model, method, *args, **kwargs):
        return models.execute_kw(db, uid, password, model, method, list(args), kwargs)

    def configure(service_url):
        for key, value in (("service_url", service_url), ("tenant", TENANT), ("webhook_secret", SECRET)):
            call("ir.config_parameter", "set_param", "certyo_connector." + key, value)

    def ref(xmlid):
        module, name = xmlid.split(".")
        return call("ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)],
                    fields=["res_id"])[0]["res_id"]

    move_fields = call("stock.move", "fields_get", attributes=["type"])
    product = call("product.product", "create", {"name": "Certyo e2e", "type": "consu"})
    uom = call("product.product", "read", [product], ["uom_id"])[0]["uom_id"][0]
    picking_type, supplier, stock = ref("stock.picking_type_in"), ref("stock.stock_location_suppliers"), ref("stock.stock_location_stock")

    def new_receipt():
        move = {"product_id": product, "product_uom_qty": 3, "product_uom": uom,
                "location_id": supplier, "location_dest_id": stock}
        if "name" in move_fields:
            move["name"] = "Certyo e2e"
        picking = call("stock.picking", "create", {
            "picking_type_id": picking_type, "location_id": supplier, "location_dest_id": stock,
            "move_ids": [(0, 0, move)]})
        call("stock.picking", "action_confirm", [picking])
        call("stock.picking", "action_assign", [picking])
        moves = call("stock.picking", "read", [picking], ["move_ids"])[0]["move_ids"]
        if "quantity_done" in move_fields:  # 16.0
            call("stock.move", "write", moves, {"quantity_done": 3})
        else:
            call("stock.move", "write", moves, {"quantity": 3, "picked": True})
        return picking

    def validate(picking):
        started = time.time()
        call("stock.picking", "button_validate", [picking], context={
            "skip_backorder": True, "picking_ids_not_to_backorder": [picking], "skip_sms": True})
        return time.time() - started

    def state(picking):
        return call("stock.picking", "read", [picking], ["state"])[0]["state"]

    results = []

    def check(name, ok, detail):
        results.append(ok)
        print("%s %s: %s" % ("PASS" if ok else "FAIL", name, detail))

    print("Odoo %s at %s, database %s" % (version, url, db))
    def read_states(body):
        if body.get("model") != "stock.picking":
            return None
        # Its own proxy: the main one is busy with the validation that is waiting on this post.
        proxy = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/object", allow_none=True)
        rows = proxy.execute_kw(db, uid, password, "stock.picking", "read", [body["ids"], ["state"]])
        return sorted({r["state"] for r in rows})

    receiver = Receiver(read_states)
    configure(receiver.url)

    # 1. validated once, signed, after commit
    picking = new_receipt()
    elapsed = validate(picking)
    posts = receiver.wait(1)
    time.sleep(1.0)  # let any duplicate arrive
    posts = list(receiver.posts)
    ok = (len(posts) == 1 and posts[0]["signature_ok"] and posts[0]["body"]["model"] == "stock.picking"
          and posts[0]["body"]["ids"] == [picking] and posts[0]["body"]["db"] == db
          and posts[0]["path"] == "/webhooks/odoo/" + TENANT and posts[0]["states_seen"] == ["done"])
    check("validated picking reaches the service signed, once", ok,
          "%d post(s), body %s, signature ok %s, timestamp age %ss, picking state seen by another "
          "connection while the post was held %s, validate took %.2fs"
          % (len(posts), posts[0]["body"] if posts else None, posts[0]["signature_ok"] if posts else None,
             posts[0]["timestamp_age_s"] if posts else None, posts[0]["states_seen"] if posts else None, elapsed))

    # 2. rolled back: nothing
    receiver.posts.clear()
    picking = new_receipt()
    action = call("ir.actions.server", "create", {
        "name": "Certyo e2e rollback", "model_id": call("ir.model", "search", [("model", "=", "stock.picking")])[0],
        "state": "code",
        "code": "record.with_context(skip_backorder=True, picking_ids_not_to_backorder=record.ids, "
                "skip_sms=True).button_validate()\nraise UserError('rolled back on purpose')"})
    try:
        call("ir.actions.server", "run", [action],
             context={"active_model": "stock.picking", "active_id": picking, "active_ids": [picking]})
        raised = False
    except xmlrpc.client.Fault as fault:
        raised = "rolled back on purpose" in fault.faultString
    time.sleep(2.0)
    check("rolled-back validation sends nothing", raised and not receiver.posts and state(picking) != "done",
          "fault raised %s, %d post(s), picking state %s" % (raised, len(receiver.posts), state(picking)))
    call("ir.actions.server", "unlink", [action])

    # 3. service down
    configure(closed_port_url())
    picking = new_receipt()
    elapsed = validate(picking)
    check("service down: validation succeeds", state(picking) == "done" and elapsed < 2.0,
          "state %s, validate took %.2fs" % (state(picking), elapsed))

    # 4. service hangs
    receiver.posts.clear()
    receiver.delay = 10
    configure(receiver.url)
    picking = new_receipt()
    elapsed = validate(picking)
    check("service hanging: validation succeeds within the 2 s timeout", state(picking) == "done" and elapsed < 3.5,
          "state %s, %d post(s) received, validate took %.2fs" % (state(picking), len(receiver.posts), elapsed))

    call("ir.config_parameter", "set_param", "certyo_connector.service_url", "")
    print("e2e: %d passed, %d failed" % (results.count(True), results.count(False)))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
