package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.notification.NotificationEndpointId;
import com.amdahl.connections.domain.notification.NotificationType;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;

/**
 * One notification on its way to one endpoint: a row of the outbox. {@code eventId} is the same
 * for every endpoint the notification went to (the receiver's idempotency key); {@code body} is
 * the exact JSON that is signed and sent. {@code connectionId} is null for notifications about no
 * connection (ping, endpoint.disabled); deliveries of one endpoint and connection go out in order.
 */
public record NotificationDelivery(String id, String eventId, WorkspaceId workspaceId,
        NotificationEndpointId endpointId, ConnectionId connectionId, NotificationType type, String body,
        State state, int attempts, Instant nextAttemptAt, Integer lastStatusCode, String lastError,
        Instant createdAt, Instant finishedAt) {

    /** Where a delivery stands. */
    public enum State implements com.amdahl.connections.domain.WireNames.Wired {
        PENDING, DELIVERED, FAILED;

        @Override
        public String wire() {
            return com.amdahl.connections.domain.WireNames.of(this);
        }
    }

    public NotificationDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new pending delivery, due at once. */
    public static NotificationDelivery pending(String id, String eventId, WorkspaceId workspaceId,
            NotificationEndpointId endpointId, ConnectionId connectionId, NotificationType type, String body,
            Instant now) {
        return new NotificationDelivery(id, eventId, workspaceId, endpointId, connectionId, type, body, State.PENDING,
                0, now, null, null, now, null);
    }
}
