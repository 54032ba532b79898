-- Ledger of CertyoOdoo: one row per (tenant, model, odoo_id). Times are Unix milliseconds (UTC).
CREATE TABLE IF NOT EXISTS ledger_records (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant           TEXT    NOT NULL,
    model            TEXT    NOT NULL,
    odoo_id          INTEGER NOT NULL,
    record_id        TEXT,
    status           TEXT    NOT NULL,
    version          INTEGER NOT NULL DEFAULT 0,
    payload_hash     TEXT,
    record_hash      TEXT,
    idempotency_key  TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT,
    next_attempt_at  BIGINT,
    recheck          INTEGER NOT NULL DEFAULT 0,
    notified_at      BIGINT  NOT NULL,
    claim_token      TEXT,
    claim_expires    BIGINT,
    odoo_status      TEXT,
    odoo_status_due  TEXT,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    ingested_at      BIGINT,
    anchored_at      BIGINT,
    verify_due_at    BIGINT,
    verify_attempts  INTEGER NOT NULL DEFAULT 0,
    merkle_root      TEXT,
    CONSTRAINT ux_ledger_records_key UNIQUE (tenant, model, odoo_id)
);
CREATE INDEX IF NOT EXISTS ix_ledger_records_ingest ON ledger_records (tenant, model, status, next_attempt_at);
CREATE INDEX IF NOT EXISTS ix_ledger_records_verify ON ledger_records (tenant, verify_due_at) WHERE status = 'ingested';
CREATE INDEX IF NOT EXISTS ix_ledger_records_recheck ON ledger_records (tenant, model) WHERE recheck = 1 OR claim_token IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_ledger_records_writeback ON ledger_records (tenant, model) WHERE odoo_status_due IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_ledger_records_updated ON ledger_records (updated_at);

CREATE TABLE IF NOT EXISTS ledger_history (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id     BIGINT NOT NULL REFERENCES ledger_records (id) ON DELETE CASCADE,
    at           BIGINT NOT NULL,
    from_status  TEXT,
    to_status    TEXT   NOT NULL,
    detail       TEXT
);
CREATE INDEX IF NOT EXISTS ix_ledger_history_entry ON ledger_history (entry_id, id);

CREATE TABLE IF NOT EXISTS ledger_cursors (
    tenant      TEXT    NOT NULL,
    model       TEXT    NOT NULL,
    write_date  BIGINT  NOT NULL,
    odoo_id     INTEGER NOT NULL,
    updated_at  BIGINT  NOT NULL,
    PRIMARY KEY (tenant, model)
);

CREATE TABLE IF NOT EXISTS ledger_backfills (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant       TEXT    NOT NULL,
    model        TEXT    NOT NULL,
    from_at      BIGINT  NOT NULL,
    to_at        BIGINT  NOT NULL,
    state        TEXT    NOT NULL,
    cursor_date  BIGINT,
    cursor_id    INTEGER,
    batches      INTEGER NOT NULL DEFAULT 0,
    found        INTEGER NOT NULL DEFAULT 0,
    queued       INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    finished_at  BIGINT
);
