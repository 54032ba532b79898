-- Notifications are appended here by the webhook (no unique key, so no lock waits) and folded
-- into ledger_records in the background. recheck becomes a count of notifications not yet re-read:
-- an ingest job subtracts what it saw, so a notification arriving mid-job or a job that crashes
-- leaves the row due again.
CREATE TABLE IF NOT EXISTS ledger_inbox (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant       TEXT    NOT NULL,
    model        TEXT    NOT NULL,
    odoo_id      INTEGER NOT NULL,
    source       TEXT    NOT NULL,
    received_at  BIGINT  NOT NULL
);

ALTER TABLE ledger_records ALTER COLUMN recheck TYPE INTEGER;
DROP INDEX IF EXISTS ix_ledger_records_recheck;
CREATE INDEX IF NOT EXISTS ix_ledger_records_recheck ON ledger_records (tenant, model) WHERE recheck > 0 OR claim_token IS NOT NULL;
