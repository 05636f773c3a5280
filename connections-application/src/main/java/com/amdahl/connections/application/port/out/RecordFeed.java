package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Reads the stored records of a connection as a change feed: in the order their changes were
 * committed, resumable from any position. The default store's positions are handed out in commit
 * order (see {@link RecordSink}), so paging by position never skips a change.
 */
public interface RecordFeed {

    /**
     * At most {@code limit} changes after {@code after} (null: from the start), oldest first, of one
     * stream or of all ({@code stream} null).
     */
    List<StoredRecord> changesAfter(WorkspaceId workspaceId, ConnectionId connectionId, String stream, Position after,
            int limit);

    /** The newest position handed out for the connection's records (0 when none). */
    long lastPosition(WorkspaceId workspaceId, ConnectionId connectionId);

    /**
     * Per stream, what the changes after position {@code afterSeq} did: records added, updated and
     * deleted (each record counted once, by its latest change), streams in name order.
     */
    List<StreamChanges> changesSince(WorkspaceId workspaceId, ConnectionId connectionId, long afterSeq);

    /** Per stream: records kept, how many of them are deleted, and the newest change. */
    List<StreamSummary> streams(WorkspaceId workspaceId, ConnectionId connectionId);

    /**
     * Where a change sits in a connection's order: its position, then stream and id (records
     * stored before positions existed share position 0 and are told apart by those).
     */
    record Position(long seq, String stream, String externalId) {
        public Position {
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(externalId, "externalId");
        }

        public static final Position START = new Position(-1, "", "");
    }

    /**
     * One record as the feed shows it; {@code payloadJson} is null once the payload was purged, and
     * {@code purgedReason} then says why ({@code retention} after its delete, {@code erasure}).
     */
    record StoredRecord(String stream, String externalId, String parentId, String action, Instant firstSeenAt,
            Instant lastModifiedAt, Instant deletedAt, String payloadJson, Position position, String purgedReason) {
    }

    record StreamChanges(String stream, long added, long updated, long deleted) {
    }

    record StreamSummary(String stream, long records, long deleted, Instant lastChangeAt) {
    }
}
