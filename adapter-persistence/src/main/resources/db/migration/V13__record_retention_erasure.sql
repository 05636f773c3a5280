-- Retention and erasure (issue 26). A purged record keeps its row as a tombstone: no payload, with
-- why it was purged ('retention' after its delete, 'erasure' of a data subject).
ALTER TABLE synced_records ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE synced_records ADD COLUMN purged_reason VARCHAR(16);
CREATE INDEX ix_synced_records_deleted ON synced_records (deleted_at);

-- Runs count the records they did not store because they hold an erased subject.
ALTER TABLE sync_runs ADD COLUMN records_suppressed BIGINT DEFAULT 0 NOT NULL;

-- Subjects erased from a workspace, kept only as the SHA-256 of the lower-cased address, so later
-- syncs do not store their records again.
CREATE TABLE record_suppressions (
    workspace_id   VARCHAR(128) NOT NULL,
    subject_sha256 VARCHAR(64)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_record_suppressions PRIMARY KEY (workspace_id, subject_sha256)
);

-- The audit trail names purges and erasures.
ALTER TABLE connection_events DROP CONSTRAINT ck_connection_events_type;
ALTER TABLE connection_events ADD CONSTRAINT ck_connection_events_type CHECK (type IN ('connected', 'reconnected',
    'disconnected', 'updated', 'paused', 'resumed', 'health_changed', 'credentials_refreshed', 'credentials_rejected',
    'credentials_tested', 'records_purged', 'records_erased'));
