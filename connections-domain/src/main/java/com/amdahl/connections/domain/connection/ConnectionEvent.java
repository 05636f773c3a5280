package com.amdahl.connections.domain.connection;

import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a connection's audit trail. {@code actorUserId} is null when the system acted;
 * {@code details} holds plain strings and numbers, never a credential.
 */
public record ConnectionEvent(String id, WorkspaceId workspaceId, ConnectionId connectionId,
        ConnectionEventType type, Instant at, UserId actorUserId, Map<String, Object> details) {

    public ConnectionEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        details = Map.copyOf(details);
    }
}
