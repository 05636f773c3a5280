package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;

/** Stores connection aggregates. Every read is scoped to one workspace. */
public interface ConnectionRepository {

    /**
     * Inserts a new connection (version 0).
     *
     * @throws SocialAccountAlreadyTracked when the workspace already tracks the same social account
     *     (workspace, connector type, external account id): enforced by a unique constraint.
     */
    void insert(Connection connection);

    /**
     * Stores the next version of a connection when the stored version is still
     * {@code connection.version()}, and returns it with the incremented version.
     *
     * @throws ConcurrentUpdate when another writer got there first
     */
    Connection update(Connection connection);

    Optional<Connection> find(WorkspaceId workspaceId, ConnectionId id);

    /** The connection with its most recent run, in one query. */
    Optional<ConnectionSnapshot> findSnapshot(WorkspaceId workspaceId, ConnectionId id);

    /** Every connection of the workspace with its most recent run, newest first, in one query (no N+1). */
    List<ConnectionSnapshot> listSnapshots(WorkspaceId workspaceId);

    /** The connection tracking a social account, when one does (disconnected ones included). */
    Optional<ConnectionId> findBySocialAccount(WorkspaceId workspaceId, String connectorType, String externalAccountId);
}
