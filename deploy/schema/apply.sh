#!/usr/bin/env bash
# The schema step: creates or upgrades Hangfire's tables and the ledger's, for databases where the
# service's own role may not create tables (then run the service with Storage__MigrateOnStart=false).
# Safe to re-run. Needs psql 10+. Connection: libpq's environment (PGHOST, PGPORT, PGDATABASE, PGUSER,
# PGPASSWORD) or a connection URI as the first argument:
#   deploy/schema/apply.sh postgresql://owner@db.example.com:5432/certyo
# HANGFIRE_SCHEMA: Hangfire's schema, as Storage__HangfireSchema (default hangfire).
# APP_ROLE: if set, the role the service connects as gets the rights it needs at run time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
schema=${HANGFIRE_SCHEMA:-hangfire}
[[ $schema =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "HANGFIRE_SCHEMA must be a plain lower-case identifier" >&2; exit 2; }
psql_args=(-X -q -v ON_ERROR_STOP=1)
if [ $# -ge 1 ]; then psql_args+=(-d "$1"); fi

# The same renaming Hangfire.PostgreSql's installer does for a custom schema name.
sed -e "s/'hangfire'/'$schema'/g" -e "s/\"hangfire\"/\"$schema\"/g" "$here/hangfire.sql" | psql "${psql_args[@]}" -f -
echo "Hangfire schema \"$schema\" is up to date"

# The ledger's migrations are the service's own (src/CertyoOdoo.Web/Ledger/Schema/postgres, copied to
# /app/schema/ledger in the image), applied the way the service applies them: in one transaction, under
# the same advisory lock, each version once, recorded in ledger_schema_versions.
ledger_dir=${LEDGER_SCRIPTS:-}
for candidate in "$here/ledger" "$here/../../src/CertyoOdoo.Web/Ledger/Schema/postgres"; do
  if [ -z "$ledger_dir" ] && [ -d "$candidate" ]; then ledger_dir=$candidate; fi
done
[ -n "$ledger_dir" ] || { echo "No ledger migrations found (set LEDGER_SCRIPTS)" >&2; exit 2; }
{
  echo "BEGIN;"
  echo "-- The key of LedgerMigrations.PostgresLockKey: one migrator at a time, the service or this step."
  echo "SELECT pg_advisory_xact_lock(18935043344387908) AS locked \\gset"
  echo "CREATE TABLE IF NOT EXISTS ledger_schema_versions (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"
  for script in $(cd "$ledger_dir" && ls V*__*.sql | sort -V); do
    name=${script%.sql}
    version=${name%%__*}
    version=$((10#${version#V}))
    echo "SELECT NOT EXISTS (SELECT 1 FROM ledger_schema_versions WHERE version = $version) AS apply \\gset"
    echo "\\if :apply"
    echo "\\i '$ledger_dir/$script'"
    echo "INSERT INTO ledger_schema_versions (version, name, applied_at)"
    echo "  VALUES ($version, '$name', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"0+00:00\"'));"
    echo "\\endif"
  done
  echo "COMMIT;"
} | psql "${psql_args[@]}" -f -
echo "Ledger schema is up to date ($ledger_dir)"

if [ -n "${APP_ROLE:-}" ]; then
  psql "${psql_args[@]}" -v app_role="$APP_ROLE" -v hangfire_schema="$schema" -f "$here/grants.sql"
  echo "Granted run-time rights to $APP_ROLE"
fi
