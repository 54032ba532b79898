-- Run-time rights of the service's role when another role owns the tables (deploy/schema/apply.sh runs
-- this with -v app_role=... -v hangfire_schema=...): read and write rows, use sequences, create nothing.
\set ON_ERROR_STOP on
GRANT USAGE ON SCHEMA :"hangfire_schema" TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA :"hangfire_schema" TO :"app_role";
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA :"hangfire_schema" TO :"app_role";
-- The ledger's tables (ledger_*, in the schema the service's connection uses first).
SELECT format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.%I TO %I', schemaname, tablename, :'app_role')
  FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'ledger\_%'
\gexec
