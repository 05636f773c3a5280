package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.sync.DataSubject;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;

/**
 * Removing stored record data on purpose (the default store's {@code synced_records}): retention
 * of deleted records' payloads, an admin's purge of one connection, and erasure of a data
 * subject. A purged payload leaves a tombstone (id, {@code deleted}, {@code deleted_at}, no data,
 * the reason), so a feed consumer that comes back later still learns of the delete.
 */
public interface RecordPurges {

    /**
     * Drops the payloads of at most {@code limit} records deleted before {@code deletedBefore}, in
     * every workspace (reason {@code retention}); answers how many. Their positions do not move:
     * the delete was the change a consumer needed to see.
     */
    int purgeDeletedPayloads(Instant deletedBefore, int limit);

    /**
     * Removes every record the connection has stored, and what delete detection remembers of it;
     * positions go on from where they were. Answers how many records were removed.
     */
    long purgeConnection(WorkspaceId workspaceId, ConnectionId connectionId);

    /**
     * Erases a subject from a workspace: first keeps it (as its hash) on the suppression list, so a
     * sync page committed after this cannot store it again; then, connection by connection under
     * the lock writers take, turns every record holding the subject into a tombstone (reason
     * {@code erasure}) at a new position. Answers the counts per connection and stream.
     */
    List<Erased> erase(WorkspaceId workspaceId, DataSubject subject, Instant now);

    record Erased(ConnectionId connectionId, String stream, long records) {
    }
}
