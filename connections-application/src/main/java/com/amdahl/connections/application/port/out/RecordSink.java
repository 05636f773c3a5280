package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.sync.RecordCounts;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where pulled records go. The default stores them in the {@code synced_records} table by
 * (connection, stream, external id), keeping change facts (first seen, last modified, a content
 * hash, a position in the connection's change order) and writing nothing for a record whose
 * payload did not change; embedders plug their own.
 */
public interface RecordSink {
    /**
     * Writes a page of records of one stream, all or nothing; says what each record did: added,
     * updated (its payload changed), unchanged (nothing written) or skipped (too large to store).
     * A sink that does not tell them apart may report every record as added.
     */
    RecordCounts write(WorkspaceId workspaceId, ConnectionId connectionId, String stream, List<SyncedRecord> records);

    /**
     * Marks stored records of one stream deleted, all or nothing: the provider said so, or two
     * complete passes no longer listed them. A deleted record keeps its payload until retention
     * purges it, and a later pull that lists it again brings it back (updated). Ids not stored, or
     * already deleted, change nothing (counted unchanged). A sink that keeps no deletes ignores
     * them: the default.
     */
    default RecordCounts delete(WorkspaceId workspaceId, ConnectionId connectionId, String stream,
            List<DeletedRecord> records) {
        return RecordCounts.NONE;
    }

    /** A record gone at the provider: its id, and when it was deleted if the provider says (null: now). */
    record DeletedRecord(String externalId, Instant deletedAt) {
        public DeletedRecord {
            Objects.requireNonNull(externalId, "externalId");
        }
    }

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
