#!/usr/bin/env bash
# Runs every test of the project: builds the solution, provisions PostgreSQL when none is reachable
# (a throwaway cluster on a free port, removed afterwards), runs the .NET tests, the Odoo add-on
# checks and the deployment checks, and ends with one line "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results="$root/.tmp/test-results"
rm -rf "$results" && mkdir -p "$results"

# --- PostgreSQL -------------------------------------------------------------------------------
pg_dir=""
cleanup() {
  if [ -n "$pg_dir" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT

pg_reachable() {
  [ -n "${CERTYO_TEST_POSTGRES:-}" ] && command -v psql >/dev/null 2>&1 && psql "$(scripts/pg-uri.sh "$CERTYO_TEST_POSTGRES")" -c 'select 1' >/dev/null 2>&1
}

if [ -n "${CERTYO_TEST_POSTGRES:-}" ] && pg_reachable; then
  echo "Using PostgreSQL from CERTYO_TEST_POSTGRES"
else
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "Installing PostgreSQL (Debian package)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq postgresql >/dev/null
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  pg_dir=$(mktemp -d /tmp/certyo-pg.XXXXXX)
  chown postgres "$pg_dir"
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
  export CERTYO_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "Started a throwaway PostgreSQL on 127.0.0.1:$port"
fi

# --- .NET -------------------------------------------------------------------------------------
dotnet build CertyoOdoo.Web.sln -c Release -nologo -clp:ErrorsOnly
status=0
# One project at a time: the end-to-end suites start servers and share two cores.
for proj in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  dotnet test "$proj" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$results" || status=1
done

# --- Odoo add-on and deployment checks (no Odoo, no Docker needed) -----------------------------
for check in scripts/check-*.sh; do
  [ -e "$check" ] || continue
  echo "Running $check"
  bash "$check" "$results" || status=1
done

python3 scripts/summarize-results.py "$results" || status=1
exit $status
