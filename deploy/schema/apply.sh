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

if [ -f "$here/ledger.sql" ]; then
  psql "${psql_args[@]}" -f "$here/ledger.sql"
  echo "Ledger schema is up to date"
fi

if [ -n "${APP_ROLE:-}" ]; then
  psql "${psql_args[@]}" -v app_role="$APP_ROLE" -v hangfire_schema="$schema" -f "$here/grants.sql"
  echo "Granted run-time rights to $APP_ROLE"
fi
