-- recheck becomes a count of notifications not yet re-read: an ingest job subtracts what it saw,
-- so a notification arriving mid-job or a job that crashes leaves the row due again.
-- (On SQLite the webhook's inbox is its own file, so intake never waits for the ledger's write lock.)
DROP INDEX IF EXISTS ix_ledger_records_recheck;
CREATE INDEX IF NOT EXISTS ix_ledger_records_recheck ON ledger_records (tenant, model) WHERE recheck > 0 OR claim_token IS NOT NULL;
