package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.notification.NotificationEndpoint;
import com.amdahl.connections.domain.notification.NotificationEndpointId;
import com.amdahl.connections.domain.notification.NotificationType;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;

/**
 * Notification endpoints of each workspace, their signing secrets encrypted at rest (AES-GCM with
 * the workspace and endpoint as associated data). Every read is scoped to one workspace.
 */
public interface NotificationEndpointStore {
    void insert(NotificationEndpoint endpoint, String signingSecret);

    /** Stores the endpoint's new state (the secret is untouched). */
    void update(NotificationEndpoint endpoint);

    void replaceSecret(WorkspaceId workspaceId, NotificationEndpointId id, String signingSecret);

    /** Deletes the endpoint and its delivery log; false when there was none. */
    boolean delete(WorkspaceId workspaceId, NotificationEndpointId id);

    Optional<NotificationEndpoint> find(WorkspaceId workspaceId, NotificationEndpointId id);

    /** Oldest first. */
    List<NotificationEndpoint> list(WorkspaceId workspaceId);

    /** The enabled endpoints of the workspace subscribed to {@code type}. */
    List<NotificationEndpoint> subscribers(WorkspaceId workspaceId, NotificationType type);

    /** A delivery failed: starts the endpoint's failing streak unless one is running. */
    void recordFailure(WorkspaceId workspaceId, NotificationEndpointId id, java.time.Instant at);

    /** A delivery succeeded: ends the failing streak. */
    void recordSuccess(WorkspaceId workspaceId, NotificationEndpointId id);

    /** Turns an enabled endpoint off with a reason; false when it was already off (or gone). */
    boolean disable(WorkspaceId workspaceId, NotificationEndpointId id, String reason, java.time.Instant at);

    Optional<String> signingSecret(WorkspaceId workspaceId, NotificationEndpointId id);
}
