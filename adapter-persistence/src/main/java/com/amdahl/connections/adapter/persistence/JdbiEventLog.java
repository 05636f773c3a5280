package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.EventLog;
import com.amdahl.connections.domain.connection.ConnectionEvent;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The audit trail in {@code connection_events}; {@code seq} orders events written at the same instant. */
final class JdbiEventLog implements EventLog {
    private final Database db;

    JdbiEventLog(Database db) {
        this.db = db;
    }

    @Override
    public void append(ConnectionEvent event) {
        db.withHandle(handle -> {
            handle.createUpdate("INSERT INTO connection_events (id, workspace_id, connection_id,"
                            + " type, at, actor_user_id, details) VALUES (:id, :workspace_id, :connection_id, :type, :at,"
                            + " :actor_user_id, :details)")
                    .bind("id", event.id())
                    .bind("workspace_id", event.workspaceId().value())
                    .bind("connection_id", event.connectionId().value())
                    .bind("type", event.type().wire())
                    .bind("at", Sql.ts(event.at()))
                    .bind("actor_user_id", Rows.value(event.actorUserId()))
                    .bind("details", FlatJson.write(event.details()))
                    .execute();
            db.changed(handle, event.workspaceId().value()); // the newest credentials_refreshed is a credential fact
            return null;
        });
    }

    @Override
    public List<ConnectionEvent> listRecent(WorkspaceId workspaceId, ConnectionId connectionId, int limit) {
        if (limit < 1) {
            return List.of();
        }
        return db.withHandle(handle -> handle.createQuery("SELECT id, workspace_id, connection_id, type, at,"
                        + " actor_user_id, details FROM connection_events WHERE workspace_id = :workspace_id"
                        + " AND connection_id = :connection_id ORDER BY at DESC, seq DESC LIMIT :limit")
                .bind("workspace_id", workspaceId.value())
                .bind("connection_id", connectionId.value())
                .bind("limit", limit)
                .map((rs, ctx) -> new ConnectionEvent(rs.getString("id"), new WorkspaceId(rs.getString("workspace_id")),
                        new ConnectionId(rs.getString("connection_id")),
                        Rows.wire(ConnectionEventType.class, rs.getString("type")), Sql.instant(rs, "at"),
                        Rows.user(rs.getString("actor_user_id")), details(rs.getString("details"))))
                .list());
    }

    /** Map.copyOf in the event refuses null values, which JSON may hold: drop them. */
    private static Map<String, Object> details(String json) {
        Map<String, Object> details = new HashMap<>(FlatJson.read(json));
        details.values().removeIf(java.util.Objects::isNull);
        return details;
    }
}
