package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Permissions;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.in.Body;
import com.amdahl.connections.application.port.in.ConnectionView;
import com.amdahl.connections.application.port.in.ManageConnection;
import com.amdahl.connections.application.port.out.CredentialVault;
import com.amdahl.connections.application.port.out.OAuthProvider;
import com.amdahl.connections.application.port.out.RecordReconciliations;
import com.amdahl.connections.application.port.out.StreamCursors;
import com.amdahl.connections.application.port.out.WorkspaceDirectory;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.connection.Profile;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.UserId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Disconnect, update, pause, resume and on-demand refresh, each with its audit event. */
final class ConnectionManagementService implements ManageConnection {
    private static final Logger LOG = Logger.getLogger(ConnectionManagementService.class.getName());

    private final ConnectionStore store;
    private final CredentialVault vault;
    private final OAuthProvider oauth;
    private final WorkspaceDirectory directory;
    private final SyncEngineService engine;
    private final StreamCursors cursors;
    private final RecordReconciliations reconciliations; // null: no delete detection

    ConnectionManagementService(ConnectionStore store, CredentialVault vault, OAuthProvider oauth,
            WorkspaceDirectory directory, SyncEngineService engine, StreamCursors cursors,
            RecordReconciliations reconciliations) {
        this.cursors = cursors;
        this.reconciliations = reconciliations;
        this.store = store;
        this.vault = vault;
        this.oauth = oauth;
        this.directory = directory;
        this.engine = engine;
    }

    @Override
    public ConnectionView disconnect(Principal principal, ConnectionId id) {
        admit(principal);
        return disconnectChecked(principal, id);
    }

    @Override
    public ConnectionView disconnect(Principal principal, String id) {
        admit(principal);
        return disconnectChecked(principal, ConnectionStore.parseId(id));
    }

    @Override
    public ConnectionView update(Principal principal, ConnectionId id, ConnectionUpdate update) {
        admit(principal);
        return updateChecked(principal, id, update);
    }

    @Override
    public ConnectionView update(Principal principal, String id, Body<ConnectionUpdate> update) {
        admit(principal);
        ConnectionId connection = ConnectionStore.parseId(id);
        return updateChecked(principal, connection, update.read());
    }

    @Override
    public ConnectionView pause(Principal principal, ConnectionId id) {
        admit(principal);
        return pauseChecked(principal, id);
    }

    @Override
    public ConnectionView pause(Principal principal, String id) {
        admit(principal);
        return pauseChecked(principal, ConnectionStore.parseId(id));
    }

    @Override
    public ConnectionView resume(Principal principal, ConnectionId id) {
        admit(principal);
        return resumeChecked(principal, id);
    }

    @Override
    public ConnectionView resume(Principal principal, String id) {
        admit(principal);
        return resumeChecked(principal, ConnectionStore.parseId(id));
    }

    @Override
    public SyncRun requestSync(Principal principal, ConnectionId id, SyncOptions options) {
        admit(principal);
        return requestSyncChecked(principal, id, options);
    }

    @Override
    public SyncRun requestSync(Principal principal, String id, Body<SyncOptions> options) {
        admit(principal);
        ConnectionId connection = ConnectionStore.parseId(id);
        return requestSyncChecked(principal, connection, options.read());
    }

    // ---- the writes, for a caller whose scope was checked ---------------------------------

    private ConnectionView disconnectChecked(Principal principal, ConnectionId id) {
        Connection current = requireManageable(principal, id);
        Connector connector = store.connectorOf(current);
        if (current.isDisconnected()) {
            return store.view(principal, id); // idempotent: nothing changes, no event
        }
        if (connector.authMethod() == AuthMethod.OAUTH_REDIRECT) {
            revokeQuietly(connector, current);
        }
        store.transact(() -> {
            Connection fresh = store.requireVisible(principal, id);
            store.save(fresh, fresh.disconnect(store.now()), ConnectionEventType.DISCONNECTED, principal.userId(), Map.of());
            vault.erase(principal.workspaceId(), id);
            return null;
        });
        return store.view(principal, id);
    }

    /** A failed revoke is logged (without any secret) and does not block the disconnect. */
    private void revokeQuietly(Connector connector, Connection connection) {
        try {
            vault.load(connection.workspaceId(), connection.id()).ifPresent(c -> oauth.revoke(connector.type(), c));
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "revoking the grant of connection " + connection.id() + " at " + connector.name()
                    + " failed (" + failure.getClass().getSimpleName() + "); disconnecting anyway");
        }
    }

    private ConnectionView updateChecked(Principal principal, ConnectionId id, ConnectionUpdate update) {
        Connection current = requireManageable(principal, id);
        Connector connector = store.connectorOf(current);
        String newName = update.name() == null ? null : update.name().strip();
        Validation.requireSingleLine("name", newName);
        if (newName != null) {
            Validation.require(!newName.isEmpty() && newName.length() <= Profile.MAX_NAME_LENGTH, "name",
                    "must be 1-" + Profile.MAX_NAME_LENGTH + " characters");
        }
        UserId newOwner = null;
        if (update.ownerGiven()) {
            if (!connector.isPersonal()) {
                throw new ConnectionsException(ErrorCode.OWNER_NOT_APPLICABLE, "Only personal connections have an owner");
            }
            Permissions.requireMayReassignOwner(principal);
            if (update.ownerUserId() != null) {
                newOwner = parseUser(update.ownerUserId());
                if (directory.findMember(principal.workspaceId(), newOwner).isEmpty()) {
                    throw new ConnectionsException(ErrorCode.OWNER_NOT_MEMBER, "The owner must be a member of the workspace");
                }
            }
        }
        UserId ownerToSet = newOwner;
        store.transact(() -> {
            Connection fresh = store.requireVisible(principal, id);
            Connection next = fresh;
            Map<String, Object> details = new LinkedHashMap<>();
            if (newName != null && !newName.equals(fresh.profile().name())) {
                next = next.rename(newName);
                details.put("name", newName);
            }
            if (update.ownerGiven() && !java.util.Objects.equals(ownerToSet, fresh.profile().ownerUserId())) {
                next = next.reassignOwner(connector, ownerToSet);
                details.put("owner_user_id", ownerToSet == null ? "none" : ownerToSet.value());
            }
            store.save(fresh, next, ConnectionEventType.UPDATED, principal.userId(), details);
            return null;
        });
        return store.view(principal, id);
    }

    private static UserId parseUser(String value) {
        try {
            return new UserId(value);
        } catch (IllegalArgumentException invalid) {
            throw Validation.failure("owner_user_id", "is not a valid user id");
        }
    }

    private ConnectionView pauseChecked(Principal principal, ConnectionId id) {
        requireManageable(principal, id);
        store.transact(() -> {
            Connection fresh = store.requireVisible(principal, id);
            store.save(fresh, fresh.pause(store.now()), ConnectionEventType.PAUSED, principal.userId(), Map.of());
            return null;
        });
        return store.view(principal, id);
    }

    private ConnectionView resumeChecked(Principal principal, ConnectionId id) {
        requireManageable(principal, id);
        store.transact(() -> {
            Connection fresh = store.requireVisible(principal, id);
            store.save(fresh, fresh.resume(store.now()), ConnectionEventType.RESUMED, principal.userId(), Map.of());
            return null;
        });
        return store.view(principal, id);
    }

    private SyncRun requestSyncChecked(Principal principal, ConnectionId id, SyncOptions options) {
        Connection current = requireManageable(principal, id);
        boolean fullRefresh = options.fullRefresh();
        if (fullRefresh) {
            Permissions.requireMayFullRefresh(principal);
        }
        if (options.confirmDeletes()) {
            Permissions.requireMayConfirmDeletes(principal);
            if (reconciliations == null) {
                throw new ConnectionsException(ErrorCode.CONFLICT,
                        "This deployment does not detect deletes: its record sink is the embedder's own");
            }
        }
        Connector connector = store.connectorOf(current);
        if (!engine.canSync(connector.type())) {
            throw new ConnectionsException(ErrorCode.CONNECTION_NOT_SYNCABLE, connector.name() + " cannot sync yet: it has no puller");
        }
        if (!engine.mayRun(current)) {
            throw new ConnectionsException(ErrorCode.CONNECTION_NOT_SYNCABLE, connector.name()
                    + " is not configured yet: " + KnowledgePush.NOT_CONFIGURED);
        }
        return engine.request(principal.workspaceId(), id, TriggeredBy.MANUAL, run -> {
            if (fullRefresh && run.status() == SyncRunStatus.PENDING) {
                cursors.clear(principal.workspaceId(), id);
            }
            if (options.confirmDeletes() && run.status() == SyncRunStatus.PENDING) {
                reconciliations.confirmHeld(principal.workspaceId(), id);
            }
        });
    }

    private static void admit(Principal principal) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_WRITE);
    }

    private Connection requireManageable(Principal principal, ConnectionId id) {
        Connection current = store.requireVisible(principal, id);
        Permissions.requireMayManage(principal, current, store.connectorOf(current));
        return current;
    }
}
