package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;

/**
 * A pending OAuth authorization, stored server-side under the SHA-256 hash of the {@code state}
 * value sent to the provider. Bound to the workspace, user, connection and {@code return_to};
 * single use; expires. The PKCE verifier is a secret and is never shown.
 */
public record OAuthState(String stateHash, WorkspaceId workspaceId, UserId userId, ConnectionId connectionId,
        String connectorType, boolean reconnect, String returnTo, String codeVerifier, Instant createdAt,
        Instant expiresAt, Instant usedAt) {

    public OAuthState {
        Objects.requireNonNull(stateHash, "stateHash");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(connectorType, "connectorType");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isUsed() {
        return usedAt != null;
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "OAuthState[connection=" + connectionId + ", type=" + connectorType + ", expiresAt=" + expiresAt
                + ", used=" + isUsed() + "]";
    }
}
