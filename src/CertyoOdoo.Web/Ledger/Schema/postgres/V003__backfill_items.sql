-- The ledger rows each backfill found, so its progress can count them by status (GET /api/backfills/{id}).
-- A page retried inserts the same pairs again: the key makes that a no-op.
CREATE TABLE IF NOT EXISTS ledger_backfill_items (
    backfill_id  BIGINT NOT NULL REFERENCES ledger_backfills (id) ON DELETE CASCADE,
    entry_id     BIGINT NOT NULL REFERENCES ledger_records (id) ON DELETE CASCADE,
    PRIMARY KEY (backfill_id, entry_id)
);
CREATE INDEX IF NOT EXISTS ix_ledger_backfill_items_entry ON ledger_backfill_items (entry_id);
