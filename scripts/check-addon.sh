#!/usr/bin/env bash
# Checks the Odoo add-ons (odoo-addon-snippet/<series>/) with no Odoo: Python compiles, XML
# parses, view archs fit their series, manifests and access CSVs are complete, shared code is
# the same in every series, and the notification signing matches the service's. With ODOO_BIN,
# ODOO_ADDONS_PATH and ODOO_DB_URI set, also runs the module's tests on that real Odoo.
# Usage: bash scripts/check-addon.sh RESULTS_DIR   (writes "passed failed" to RESULTS_DIR/addon.counts)
set -euo pipefail
cd "$(dirname "$0")/.."
results="${1:-.tmp/test-results}"
mkdir -p "$results"
python3 scripts/check_addon.py "$results"
