-- Delete detection (issue 26). A run counts the deletes its reconciliation held back (the
-- mass-delete guard), and the connection's last outcome keeps that count: health derives from it.
ALTER TABLE sync_runs ADD COLUMN records_deletes_held BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE connections ADD COLUMN last_outcome_deletes_held BIGINT DEFAULT 0 NOT NULL;

-- Per stream: when it last had a complete full pass (incremental streams get one on a cadence),
-- the deletes the guard holds, and whether an admin confirmed them for the next pass.
CREATE TABLE record_reconciliations (
    workspace_id      VARCHAR(128) NOT NULL,
    connection_id     VARCHAR(64)  NOT NULL,
    stream            VARCHAR(128) NOT NULL,
    last_full_pass_at TIMESTAMP WITH TIME ZONE,
    deletes_held      BIGINT       DEFAULT 0 NOT NULL,
    confirmed         BOOLEAN      DEFAULT FALSE NOT NULL,
    CONSTRAINT pk_record_reconciliations PRIMARY KEY (connection_id, stream),
    CONSTRAINT fk_record_reconciliations_connection FOREIGN KEY (workspace_id, connection_id)
        REFERENCES connections (workspace_id, id)
);

-- The live records the stream's last complete pass did not list: missing from the next complete
-- pass too, they are deleted.
CREATE TABLE record_absences (
    workspace_id  VARCHAR(128) NOT NULL,
    connection_id VARCHAR(64)  NOT NULL,
    stream        VARCHAR(128) NOT NULL,
    external_id   VARCHAR(255) NOT NULL,
    CONSTRAINT pk_record_absences PRIMARY KEY (connection_id, stream, external_id),
    CONSTRAINT fk_record_absences_connection FOREIGN KEY (workspace_id, connection_id)
        REFERENCES connections (workspace_id, id)
);
