package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;

/**
 * Where pulled records go. The default stores them in the {@code synced_records} table, upserted
 * by (connection, stream, external id); embedders plug their own.
 */
public interface RecordSink {
    /** Writes a page of records; returns how many rows were written. */
    int write(WorkspaceId workspaceId, ConnectionId connectionId, String stream, List<SyncedRecord> records);

    /**
     * One provider object: its id at the provider, its raw JSON and, for a record of a child stream
     * (a call's transcript, a note's transcript), the provider id of its parent; null otherwise.
     */
    record SyncedRecord(String externalId, String payloadJson, String parentId) {
        public SyncedRecord {
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(payloadJson, "payloadJson");
        }

        /** A record of a top-level stream (no parent). */
        public SyncedRecord(String externalId, String payloadJson) {
            this(externalId, payloadJson, null);
        }
    }
}
