package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.StaleMarks;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;

/** {@code notification_stale_marks}, and the sweep's query for connections that may have turned stale. */
final class JdbiStaleMarks implements StaleMarks {
    private final Database db;

    JdbiStaleMarks(Database db) {
        this.db = db;
    }

    @Override
    public boolean isMarked(WorkspaceId workspaceId, ConnectionId connectionId) {
        return db.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM notification_stale_marks"
                        + " WHERE workspace_id = :workspace_id AND connection_id = :connection_id")
                .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                .mapTo(Integer.class).one()) > 0;
    }

    @Override
    public void mark(WorkspaceId workspaceId, ConnectionId connectionId, Instant at) {
        // Callers hold the connection's version (a write to its row) in the same unit of work, so no
        // other writer can insert the same mark concurrently: check, then insert.
        db.withHandle(handle -> {
            if (isMarked(workspaceId, connectionId)) {
                return 0;
            }
            return handle.createUpdate("INSERT INTO notification_stale_marks (workspace_id, connection_id, marked_at)"
                            + " VALUES (:workspace_id, :connection_id, :at)")
                    .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                    .bind("at", Sql.ts(at))
                    .execute();
        });
    }

    @Override
    public void unmark(WorkspaceId workspaceId, ConnectionId connectionId) {
        db.withHandle(handle -> handle.createUpdate("DELETE FROM notification_stale_marks"
                        + " WHERE workspace_id = :workspace_id AND connection_id = :connection_id")
                .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                .execute());
    }

    @Override
    public List<Candidate> unmarkedStaleCandidates(Instant cutoff, int limit) {
        return db.withHandle(handle -> handle.createQuery("SELECT c.workspace_id, c.id FROM connections c"
                        + " WHERE c.status = 'connected' AND c.needs_reauth = FALSE"
                        + " AND (c.active_run_running IS NULL OR c.active_run_running = FALSE)"
                        + " AND (c.last_outcome_finished_at IS NULL"
                        + " OR (c.last_outcome_failed = FALSE AND c.last_outcome_streams_failed = 0"
                        + " AND c.last_outcome_deletes_held = 0))"
                        + " AND COALESCE(c.last_synced_at, c.connected_at, c.status_changed_at) < :cutoff"
                        + " AND NOT EXISTS (SELECT 1 FROM notification_stale_marks m WHERE m.connection_id = c.id)"
                        + " ORDER BY c.id LIMIT :limit")
                .bind("cutoff", Sql.ts(cutoff))
                .bind("limit", limit)
                .map((rs, ctx) -> new Candidate(new WorkspaceId(rs.getString("workspace_id")),
                        new ConnectionId(rs.getString("id"))))
                .list());
    }
}
