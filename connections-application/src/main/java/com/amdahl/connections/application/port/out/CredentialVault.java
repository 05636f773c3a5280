package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.Optional;

/**
 * Keeps each connection's credentials encrypted at rest (AES-GCM with the connection and
 * workspace as associated data). Plaintext never reaches a log or an exception message.
 */
public interface CredentialVault {
    /** Stores (or replaces) the connection's credentials. */
    void store(WorkspaceId workspaceId, ConnectionId connectionId, Credentials credentials);

    Optional<Credentials> load(WorkspaceId workspaceId, ConnectionId connectionId);

    /** Erases the connection's credentials; nothing happens when there are none. */
    void erase(WorkspaceId workspaceId, ConnectionId connectionId);
}
