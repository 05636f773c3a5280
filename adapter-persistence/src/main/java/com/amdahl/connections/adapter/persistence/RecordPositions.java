package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import org.jdbi.v3.core.Handle;

/**
 * A connection's change positions ({@code record_positions}): whoever changes its records takes
 * the row's lock for the transaction, so positions are handed out in commit order.
 */
final class RecordPositions {
    private RecordPositions() {
    }

    /** Locks the connection's position row for this transaction (creating it first) and returns its last position. */
    static long lock(Handle handle, WorkspaceId workspaceId, ConnectionId connectionId) {
        for (int attempt = 0; ; attempt++) {
            var locked = handle.createQuery("SELECT last_seq FROM record_positions WHERE connection_id = :connection_id"
                    + " FOR UPDATE").bind("connection_id", connectionId.value()).mapTo(Long.class).findOne();
            if (locked.isPresent()) {
                return locked.get();
            }
            try {
                handle.execute("SAVEPOINT record_positions_create");
                handle.createUpdate("INSERT INTO record_positions (workspace_id, connection_id, last_seq)"
                        + " VALUES (:workspace_id, :connection_id, 0)").bind("workspace_id", workspaceId.value())
                        .bind("connection_id", connectionId.value()).execute();
                handle.execute("RELEASE SAVEPOINT record_positions_create");
            } catch (RuntimeException createdByAnotherWriter) {
                if (attempt > 0 || !Sql.isUniqueViolation(createdByAnotherWriter, null)) {
                    throw createdByAnotherWriter;
                }
                handle.execute("ROLLBACK TO SAVEPOINT record_positions_create");
            }
        }
    }


    /** Moves the connection's last position forward by {@code changes} (under the lock); returns the first new one. */
    static long take(Handle handle, ConnectionId connectionId, long lastSeq, int changes) {
        handle.createUpdate("UPDATE record_positions SET last_seq = :last WHERE connection_id = :connection_id")
                .bind("last", lastSeq + changes).bind("connection_id", connectionId.value()).execute();
        return lastSeq + 1;
    }
}
