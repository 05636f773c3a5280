-- Runs say what their records did to the store (CONTRACT 10). Runs recorded before this migration
-- keep their count as updated: they were upserts, with no account of what changed.
ALTER TABLE sync_runs ADD COLUMN records_added BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE sync_runs ADD COLUMN records_updated BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE sync_runs ADD COLUMN records_deleted BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE sync_runs ADD COLUMN records_unchanged BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE sync_runs ADD COLUMN records_skipped BIGINT DEFAULT 0 NOT NULL;
UPDATE sync_runs SET records_updated = records_written;

-- Records keep change facts: a content hash (an unchanged payload writes nothing), when they were
-- first seen and last changed, the last change, and their position in the connection's change
-- order. Payloads have no 1 MB ceiling any more (the sink bounds a record's size itself).
ALTER TABLE synced_records ALTER COLUMN payload SET DATA TYPE ${large_text};
ALTER TABLE synced_records ADD COLUMN content_hash VARCHAR(64);
ALTER TABLE synced_records ADD COLUMN first_seen_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE synced_records ADD COLUMN last_modified_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE synced_records ADD COLUMN last_action VARCHAR(16) DEFAULT 'added' NOT NULL;
ALTER TABLE synced_records ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE synced_records ADD COLUMN change_seq BIGINT DEFAULT 0 NOT NULL;
UPDATE synced_records SET first_seen_at = synced_at, last_modified_at = synced_at;
CREATE INDEX ix_synced_records_changes ON synced_records (connection_id, change_seq, stream, external_id);
CREATE INDEX ix_synced_records_stream_changes ON synced_records (connection_id, stream, change_seq, external_id);

-- The last position handed out per connection. Writers of one connection take this row's lock for
-- their transaction, so positions are handed out in commit order: a reader that has seen position
-- n never later finds a change numbered below n committed after it looked.
CREATE TABLE record_positions (
    workspace_id  VARCHAR(128) NOT NULL,
    connection_id VARCHAR(64)  NOT NULL,
    last_seq      BIGINT       NOT NULL,
    CONSTRAINT pk_record_positions PRIMARY KEY (connection_id),
    CONSTRAINT fk_record_positions_connection FOREIGN KEY (workspace_id, connection_id)
        REFERENCES connections (workspace_id, id)
);
