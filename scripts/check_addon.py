#!/usr/bin/env python3
"""Checks the Odoo add-ons in odoo-addon-snippet/<series>/ without an Odoo server, and, when one
is configured (ODOO_BIN, ODOO_ADDONS_PATH, ODOO_DB_URI), runs the module's Odoo tests on it.

Usage: check_addon.py RESULTS_DIR   writes "passed failed" to RESULTS_DIR/addon.counts and exits
non-zero when a check failed. Standard library only.
"""
import ast
import csv
import filecmp
import hashlib
import hmac
import importlib.util
import json
import os
import re
import sys
import types
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SNIPPET = os.path.join(ROOT, "odoo-addon-snippet")
SERIES = ("16.0", "17.0", "18.0", "19.0")
REQUIRED_KEYS = ("name", "version", "license", "author", "website", "depends", "data", "installable")
LICENSES = {"AGPL-3", "LGPL-3", "GPL-3", "GPL-3 or any later version", "OPL-1", "OEEL-1", "Other OSI approved licence"}
ACCESS_HEADER = ["id", "name", "model_id:id", "group_id:id", "perm_read", "perm_write", "perm_create", "perm_unlink"]
POSITIONS = {"inside", "after", "before", "replace", "attributes", "move"}
# Files allowed to differ between series (views and action data follow each series' schema).
SERIES_SPECIFIC = re.compile(r"(^|/)(__manifest__\.py|views/.*\.xml|data/.*\.xml)$")


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL %s%s" % (name, (": " + detail) if detail else ""))
        return ok


def rel(path):
    return os.path.relpath(path, ROOT)


def files_under(folder, suffix):
    for base, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(suffix):
                yield os.path.join(base, name)


def addons(series):
    folder = os.path.join(SNIPPET, series)
    if not os.path.isdir(folder):
        return []
    return [os.path.join(folder, d) for d in sorted(os.listdir(folder))
            if os.path.isfile(os.path.join(folder, d, "__manifest__.py"))]


def python_fields(addon):
    """Names assigned from fields.X(...) in the add-on's Python, plus its dependencies' we know of."""
    names = set()
    for path in files_under(addon, ".py"):
        try:
            tree = ast.parse(open(path, encoding="utf-8").read())
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                func = node.value.func
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "fields":
                    names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def check_python(checks, path):
    source = open(path, encoding="utf-8").read()
    try:
        compile(source, path, "exec")
        checks.check("compiles " + rel(path), True)
    except SyntaxError as exc:
        checks.check("compiles " + rel(path), False, str(exc))


def check_view_arch(checks, path, record, series, own_fields):
    name = "%s view %s" % (rel(path), record.get("id"))
    arch_fields = [f for f in record.findall("field") if f.get("name") == "arch"]
    if not checks.check(name + " has one arch", len(arch_fields) == 1):
        return
    roots = list(arch_fields[0])
    if not checks.check(name + " arch has one root element", len(roots) == 1, "found %d" % len(roots)):
        return
    root = roots[0]
    inherited = any(f.get("name") == "inherit_id" for f in record.findall("field"))
    problems = []
    if inherited:
        specs = [root] if root.tag in ("xpath", "field") else list(root) if root.tag == "data" else []
        if not specs:
            problems.append("an inheriting arch needs xpath/field/data at its root, found <%s>" % root.tag)
        for spec in specs:
            if spec.tag == "xpath" and not spec.get("expr"):
                problems.append("xpath without expr")
            if spec.get("position", "inside") not in POSITIONS:
                problems.append("unknown position %r" % spec.get("position"))
    major = int(series.split(".")[0])
    for node in root.iter():
        if major >= 17 and ("attrs" in node.attrib or "states" in node.attrib):
            problems.append("attrs/states are gone in 17.0 (<%s>)" % node.tag)
        if major >= 18 and (node.tag == "tree" or "//tree" in node.get("expr", "")):
            problems.append("<tree> is <list> from 18.0")
        if major <= 17 and (node.tag == "list" or "//list" in node.get("expr", "")):
            problems.append("<list> does not exist before 18.0")
        if major == 16 and node.tag in ("app", "block", "setting"):
            problems.append("<%s> settings tags start with 17.0" % node.tag)
        if node.tag == "field" and node.get("name", "").startswith(("x_certyo", "certyo_")) \
                and node.get("name") not in own_fields:
            problems.append("field %s is not defined in the add-on" % node.get("name"))
    checks.check(name + " arch is well formed for " + series, not problems, "; ".join(problems))


def check_xml(checks, path, series, own_fields):
    try:
        tree = ET.parse(path)
    except ET.ParseError as exc:
        checks.check("parses " + rel(path), False, str(exc))
        return
    checks.check("parses " + rel(path), True)
    major = int(series.split(".")[0])
    for record in tree.getroot().iter("record"):
        if record.get("model") == "ir.ui.view":
            check_view_arch(checks, path, record, series, own_fields)
        if record.get("model") == "ir.actions.server":
            names = {f.get("name") for f in record.findall("field")}
            wrong = "groups_id" if major >= 19 else "group_ids"
            checks.check("%s action %s uses the %s group field name" % (rel(path), record.get("id"), series),
                         wrong not in names, "%s is not a field of ir.actions.server on %s" % (wrong, series))


def check_access_csv(checks, path):
    name = "access rules " + rel(path)
    rows = list(csv.reader(open(path, encoding="utf-8")))
    if not checks.check(name + " header", rows and rows[0] == ACCESS_HEADER, "expected %s" % ",".join(ACCESS_HEADER)):
        return
    bad = [r for r in rows[1:] if len(r) != 8 or any(v not in ("0", "1") for v in r[4:])]
    checks.check(name + " rows", not bad, "bad rows: %s" % bad)


def check_manifest(checks, addon, series):
    path = os.path.join(addon, "__manifest__.py")
    name = rel(path)
    try:
        manifest = ast.literal_eval(open(path, encoding="utf-8").read())
    except (SyntaxError, ValueError) as exc:
        checks.check(name + " is a literal dict", False, str(exc))
        return None
    checks.check(name + " is a literal dict", isinstance(manifest, dict))
    missing = [k for k in REQUIRED_KEYS if k not in manifest]
    checks.check(name + " has the required keys", not missing, "missing %s" % missing)
    version = str(manifest.get("version", ""))
    checks.check(name + " version matches " + series, re.fullmatch(re.escape(series) + r"\.\d+\.\d+\.\d+", version),
                 "version %r" % version)
    checks.check(name + " license", manifest.get("license") in LICENSES, repr(manifest.get("license")))
    listed = list(manifest.get("data", [])) + list(manifest.get("demo", []))
    absent = [f for f in listed if not os.path.isfile(os.path.join(addon, f))]
    checks.check(name + " data files exist", not absent, "absent %s" % absent)
    on_disk = {os.path.relpath(p, addon) for ext in (".xml", ".csv") for p in files_under(addon, ext)}
    orphans = sorted(f for f in on_disk if f not in listed and not f.startswith(("tests/", "static/")))
    checks.check(name + " lists every data file", not orphans, "not in data: %s" % orphans)
    fragments = [f for f in ("DESCRIPTION", "CONFIGURE", "USAGE")
                 if not any(os.path.isfile(os.path.join(addon, "readme", f + ext)) for ext in (".md", ".rst"))]
    checks.check(name + " readme fragments", not fragments, "missing readme/%s" % fragments)
    return manifest


def check_same_across_series(checks):
    """Python, tests, security and readme are one code base: every series must carry the same."""
    reference = {}
    for series in SERIES:
        for addon in addons(series):
            for path in files_under(addon, ""):
                inner = os.path.relpath(path, os.path.join(SNIPPET, series))
                if path.endswith(".pyc") or SERIES_SPECIFIC.search(inner):
                    continue
                reference.setdefault(inner, []).append(path)
    for inner, paths in sorted(reference.items()):
        differing = [rel(p) for p in paths[1:] if not filecmp.cmp(paths[0], p, shallow=False)]
        checks.check("same in every series: " + inner, len(paths) == len(SERIES) and not differing,
                     "present in %d series, differs in %s" % (len(paths), differing))


def load_file(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_certyo_http(series):
    path = os.path.join(SNIPPET, series, "certyo_connector", "models", "certyo_http.py")
    if "requests" not in sys.modules and importlib.util.find_spec("requests") is None:
        # The signing code does not need requests; a stub lets the module load without it.
        sys.modules.setdefault("requests", types.ModuleType("requests"))
    return load_file("certyo_http_" + series.replace(".", "_"), path)


def check_signing(checks, series):
    """The wire format the service verifies: HMAC-SHA256 over "{timestamp}.{body}"."""
    http = load_certyo_http(series)
    body = http.build_notification("odoo", "stock.picking", [7, 3, 5], "done", now=1796300000)
    payload = json.loads(body)
    checks.check(series + " notification body", payload == {
        "db": "odoo", "model": "stock.picking", "ids": [3, 5, 7], "event": "done",
        "sent_at": "2026-12-03T12:13:20Z"}, repr(payload))
    headers = http.signed_headers("s3cret", body, now=1796300000)
    expected = hmac.new(b"s3cret", b"1796300000." + body, hashlib.sha256).hexdigest()
    checks.check(series + " signature headers", headers.get("X-Certyo-Timestamp") == "1796300000"
                 and headers.get("X-Certyo-Signature") == "sha256=" + expected, repr(headers))
    checks.check(series + " webhook url", http.webhook_url("https://svc/", "acme") == "https://svc/webhooks/odoo/acme")
    checks.check(series + " resync url", http.resync_url("https://svc", "", "acme", "stock.picking", 9)
                 == "https://svc/api/tenants/acme/records/stock.picking/9/resync")
    checks.check(series + " timeout at most 2 s", 0 < http.NOTIFY_TIMEOUT <= 2, str(http.NOTIFY_TIMEOUT))

    # Large transactions are split below the service's 1000-id limit, each part signed.
    sent = []

    class Response:
        status_code = 202

    def fake_post(url, body, headers, timeout):
        sent.append((url, body, headers, timeout))
        return Response()

    real_post, http.post = http.post, fake_post
    try:
        config = {"url": "http://svc", "tenant": "acme", "secret": "s3cret"}
        http.notify(config, "odoo", "stock.picking", list(range(1, 2501)), "done")
    finally:
        http.post = real_post
    sizes = [len(json.loads(body)["ids"]) for _, body, _, _ in sent]
    signed = all(h["X-Certyo-Signature"] == "sha256=" + hmac.new(
        b"s3cret", h["X-Certyo-Timestamp"].encode() + b"." + body, hashlib.sha256).hexdigest() for _, body, h, _ in sent)
    checks.check(series + " splits 2500 ids into signed posts of at most 1000", sizes == [1000, 1000, 500] and signed,
                 "sizes %s, signed %s" % (sizes, signed))


def main(results):
    checks = Checks()
    checks.check("odoo-addon-snippet has a folder per series", all(addons(s) for s in SERIES),
                 "missing: %s" % [s for s in SERIES if not addons(s)])
    for series in SERIES:
        for addon in addons(series):
            own_fields = python_fields(addon) | python_fields(os.path.join(SNIPPET, series, "certyo_connector"))
            check_manifest(checks, addon, series)
            for path in files_under(addon, ".py"):
                check_python(checks, path)
            for path in files_under(addon, ".xml"):
                check_xml(checks, path, series, own_fields)
            for path in files_under(addon, ".csv"):
                if os.path.basename(path) == "ir.model.access.csv":
                    check_access_csv(checks, path)
        if addons(series):
            check_signing(checks, series)
    for path in files_under(os.path.join(SNIPPET, "tools"), ".py"):
        check_python(checks, path)
    check_same_across_series(checks)
    print("addon static checks: %d passed, %d failed" % (checks.passed, checks.failed))

    runner = load_file("run_odoo_tests", os.path.join(SNIPPET, "tools", "run_odoo_tests.py"))
    odoo_passed, odoo_failed = runner.run_if_configured(SNIPPET, results)
    checks.passed += odoo_passed
    checks.failed += odoo_failed

    if results:
        os.makedirs(results, exist_ok=True)
        with open(os.path.join(results, "addon.counts"), "w") as out:
            out.write("%d %d\n" % (checks.passed, checks.failed))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
