package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.StreamCursors;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.util.Optional;

/** Per-stream cursors in {@code stream_cursors}, keyed by connection and stream, read by workspace. */
final class JdbiStreamCursors implements StreamCursors {
    private final Database db;
    private final Clock clock;

    JdbiStreamCursors(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<String> get(WorkspaceId workspaceId, ConnectionId connectionId, String stream) {
        return db.withHandle(handle -> handle.createQuery("SELECT cursor_value FROM stream_cursors"
                        + " WHERE workspace_id = :workspace_id AND connection_id = :connection_id AND stream = :stream")
                .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                .bind("stream", stream).mapTo(String.class).findOne());
    }

    @Override
    public void put(WorkspaceId workspaceId, ConnectionId connectionId, String stream, String cursor) {
        db.inOwnOrCurrentTransaction(handle -> {
            int updated = handle.createUpdate("UPDATE stream_cursors SET cursor_value = :cursor, updated_at = :at"
                            + " WHERE workspace_id = :workspace_id AND connection_id = :connection_id AND stream = :stream")
                    .bind("cursor", cursor).bind("at", Sql.ts(clock.instant()))
                    .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                    .bind("stream", stream).execute();
            if (updated == 0) {
                // one run per connection holds its lock, so no other writer races this insert
                handle.createUpdate("INSERT INTO stream_cursors (workspace_id, connection_id, stream, cursor_value,"
                                + " updated_at) VALUES (:workspace_id, :connection_id, :stream, :cursor, :at)")
                        .bind("cursor", cursor).bind("at", Sql.ts(clock.instant()))
                        .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                        .bind("stream", stream).execute();
            }
            return null;
        });
    }

    @Override
    public void clear(WorkspaceId workspaceId, ConnectionId connectionId) {
        db.inOwnOrCurrentTransaction(handle -> handle.createUpdate("DELETE FROM stream_cursors"
                        + " WHERE workspace_id = :workspace_id AND connection_id = :connection_id")
                .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value()).execute());
    }
}
