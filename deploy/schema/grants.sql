-- Run-time rights of the service's role when another role owns the tables (deploy/schema/apply.sh runs
-- this with -v app_role=... -v hangfire_schema=...): read and write rows, use sequences, create nothing.
\set ON_ERROR_STOP on
GRANT USAGE ON SCHEMA :"hangfire_schema" TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA :"hangfire_schema" TO :"app_role";
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA :"hangfire_schema" TO :"app_role";
