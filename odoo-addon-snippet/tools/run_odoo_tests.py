#!/usr/bin/env python3
"""Runs certyo_connector's Odoo tests, then the end-to-end picking check, on a real Odoo when one
is configured; says "skipped: no Odoo configured" otherwise.

Environment:
  ODOO_BIN          path to odoo-bin of a 16.0, 17.0, 18.0 or 19.0 source tree (the series is
                    read from `odoo-bin --version`)
  ODOO_ADDONS_PATH  Odoo's own addons folders, comma separated (the add-on folder is appended)
  ODOO_DB_URI       postgresql://user:password@host:port for a role that may create databases
                    (not a superuser: Odoo refuses to run as "postgres")
  ODOO_PYTHON       interpreter with Odoo's dependencies (default /usr/bin/python3)
  ODOO_E2E=0        skip the end-to-end check;  ODOO_KEEP_DB=1  keep the test database

Usage alone: run_odoo_tests.py [RESULTS_DIR]; check_addon.py calls run_if_configured().
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def odoo_series(python, odoo_bin):
    out = subprocess.run([python, odoo_bin, "--version"], capture_output=True, text=True, timeout=120)
    match = re.search(r"(?:saas~)?(\d+)\.(\d+)", out.stdout + out.stderr)
    return "%s.0" % match.group(1) if match else None


def drop_database(uri, name):
    psql = shutil.which("psql")
    if not psql:
        print("Odoo tests: psql not found, database %s left in place" % name)
        return
    admin_uri = urllib.parse.urlunsplit(urllib.parse.urlsplit(uri)._replace(path="/postgres"))
    subprocess.run([psql, admin_uri, "-qc", 'DROP DATABASE IF EXISTS "%s"' % name],
                   capture_output=True, timeout=120)


def run_if_configured(snippet, results=""):
    odoo_bin = os.environ.get("ODOO_BIN", "")
    uri = os.environ.get("ODOO_DB_URI", "")
    if not (odoo_bin and uri):
        print("Odoo tests: skipped: no Odoo configured "
              "(set ODOO_BIN, ODOO_ADDONS_PATH and ODOO_DB_URI to run them on a real Odoo)")
        return 0, 0
    python = os.environ.get("ODOO_PYTHON") or ("/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable)
    series = odoo_series(python, odoo_bin)
    if series is None or not os.path.isdir(os.path.join(snippet, series)):
        print("Odoo tests: FAIL: cannot tell the series of %s (got %s)" % (odoo_bin, series))
        return 0, 1
    parts = urllib.parse.urlsplit(uri)
    db = "certyo_addon_%s_%d" % (series.replace(".", "_"), os.getpid())
    addons_path = ",".join(p for p in (os.environ.get("ODOO_ADDONS_PATH", ""), os.path.join(snippet, series)) if p)
    log_dir = results or "/tmp"
    os.makedirs(log_dir, exist_ok=True)
    log_path = os.path.join(log_dir, "odoo-%s.log" % series)
    base = [python, odoo_bin, "--addons-path", addons_path, "-d", db, "--db-filter", "^%s$" % db,
            "--db_host", parts.hostname or "127.0.0.1", "--db_port", str(parts.port or 5432),
            "-r", urllib.parse.unquote(parts.username or ""), "-w", urllib.parse.unquote(parts.password or ""),
            "--http-interface", "127.0.0.1", "--workers", "0", "--max-cron-threads", "0"]
    print("Odoo tests: Odoo %s, database %s, log %s" % (series, db, log_path))
    passed = failed = 0
    try:
        with open(log_path, "w") as log:
            rc = subprocess.run(base + ["--http-port", str(free_port()), "-i", "certyo_connector",
                                        "--test-enable", "--test-tags", "/certyo_connector", "--stop-after-init"],
                                stdout=log, stderr=subprocess.STDOUT, timeout=1800).returncode
        text = open(log_path, errors="replace").read()
        summary = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests", text)
        if summary:
            bad, errors, total = (int(x) for x in summary[-1])
            passed, failed = total - bad - errors, bad + errors
            print("Odoo tests (%s): %d passed, %d failed of %d" % (series, passed, failed, total))
        if not summary or rc != 0 or passed == 0:
            failed = max(failed, 1)
            print("Odoo tests (%s): FAIL: exit code %s, no passing tests or errors; see %s" % (series, rc, log_path))
            for line in text.splitlines():
                if " ERROR " in line or line.startswith(("FAIL", "AssertionError", "Traceback")):
                    print("  " + line)
        if os.environ.get("ODOO_E2E", "1") != "0" and rc == 0:
            e2e_passed, e2e_failed = run_e2e(base, db, log_dir, series)
            passed, failed = passed + e2e_passed, failed + e2e_failed
    finally:
        if os.environ.get("ODOO_KEEP_DB") != "1":
            drop_database(uri, db)
    return passed, failed


def run_e2e(base, db, log_dir, series):
    """Starts the server on the test database and validates pickings over XML-RPC."""
    port = free_port()
    with open(os.path.join(log_dir, "odoo-%s-server.log" % series), "w") as log:
        server = subprocess.Popen(base + ["--http-port", str(port)], stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        url = "http://127.0.0.1:%d" % port
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                urllib.request.urlopen(url + "/web/login", timeout=2)
                break
            except OSError:
                time.sleep(1)
        out = subprocess.run([sys.executable, os.path.join(HERE, "e2e_validate_picking.py"), url, db, "admin", "admin"],
                             capture_output=True, text=True, timeout=300)
        print(out.stdout.rstrip())
        if out.returncode not in (0, 1):
            print(out.stderr.rstrip())
        passed, failed = out.stdout.count("\nPASS "), out.stdout.count("\nFAIL ")
        return passed, failed if passed + failed else 1
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


if __name__ == "__main__":
    p, f = run_if_configured(os.path.dirname(HERE), sys.argv[1] if len(sys.argv) > 1 else "")
    sys.exit(1 if f else 0)
