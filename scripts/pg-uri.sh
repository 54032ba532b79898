#!/usr/bin/env bash
# Turns an Npgsql connection string (Host=..;Port=..;Username=..;Database=..) into a libpq URI for psql.
python3 - "$1" <<'PY'
import sys
parts = dict(p.split("=", 1) for p in sys.argv[1].split(";") if "=" in p)
low = {k.lower(): v for k, v in parts.items()}
user = low.get("username") or low.get("user id") or "postgres"
pw = low.get("password")
auth = f"{user}:{pw}@" if pw else f"{user}@"
print(f"postgresql://{auth}{low.get('host','127.0.0.1')}:{low.get('port','5432')}/{low.get('database','postgres')}")
PY
