#!/usr/bin/env python3
"""Regenerates fields-<series>.json from the recorded fields_get responses.

Run from the repository root: python3 src/CertyoOdoo.Sandbox/Odoo/Metadata/extract_fields.py
Keeps each model's fields in the recorded (definition) order and the attributes the simulator
models; a model whose fields_get faulted in the recording (absent there) is left out.
"""
import glob
import json
import os
import xmlrpc.client

ATTRIBUTES = ["type", "string", "relation", "selection", "required", "readonly", "store", "help"]
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join("tests", "fixtures", "odoo-fixtures")

for series_dir in sorted(glob.glob(os.path.join(FIXTURES, "*.0"))):
    series = os.path.basename(series_dir)
    models = {}
    for request in sorted(glob.glob(os.path.join(series_dir, "*-fields_get-*.request.xml"))):
        params, _ = xmlrpc.client.loads(open(request, encoding="utf-8").read())
        try:
            response = xmlrpc.client.loads(open(request.replace(".request.", ".response."), encoding="utf-8").read())
        except xmlrpc.client.Fault:
            continue
        fields = response[0][0]
        models[params[3]] = {
            name: {a: attrs[a] for a in ATTRIBUTES if a in attrs} for name, attrs in fields.items()
        }
    with open(os.path.join(HERE, f"fields-{series}.json"), "w", encoding="utf-8") as out:
        json.dump(models, out, separators=(",", ":"), ensure_ascii=False)
        out.write("\n")
