package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Permissions;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.in.Body;
import com.amdahl.connections.application.port.in.ManageKnowledgeSync;
import com.amdahl.connections.application.port.out.ConnectionSnapshot;
import com.amdahl.connections.application.port.out.CredentialVault;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.KnowledgeTarget.Refused;
import com.amdahl.connections.application.port.out.KnowledgeTarget.TargetDatabase;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.WireNames;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.knowledge.KnowledgeSyncSettings;
import com.amdahl.connections.domain.knowledge.SyncPolicy;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.workspace.ConnectionId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The knowledge-sync surface of a connection: scope first, then the id (404 exactly like a missing
 * connection when the caller may not see it), then the connector type, then role for writes; a
 * write checks with the target, through the connection's own grant, that the database is reachable
 * and has the properties the mappings name, and records an {@code updated} event.
 */
final class KnowledgeSyncService implements ManageKnowledgeSync {
    private final ConnectionStore store;
    private final KnowledgePush push;
    private final CredentialVault vault;

    KnowledgeSyncService(ConnectionStore store, KnowledgePush push, CredentialVault vault) {
        this.store = store;
        this.push = push;
        this.vault = vault;
    }

    @Override
    public KnowledgeSyncView read(Principal principal, String connectionId) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_READ);
        Connection connection = knowledgeConnection(principal, connectionId);
        return view(connection);
    }

    @Override
    public KnowledgeSyncView write(Principal principal, String connectionId, Body<SettingsChange> body) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_WRITE);
        Connection connection = knowledgeConnection(principal, connectionId);
        Permissions.requireMayManage(principal, connection, store.connectorOf(connection));
        SettingsChange change = body.read();
        Map<String, Object> problems = new LinkedHashMap<>();
        if (change.databaseId() == null || change.databaseId().isBlank()) {
            problems.put("database_id", "is required");
        } else if (change.databaseId().length() > 200 || !change.databaseId().matches("[A-Za-z0-9-]+")) {
            problems.put("database_id", "must be a Notion database id");
        }
        Optional<SyncPolicy> policy = WireNames.parse(SyncPolicy.class, change.policy());
        if (policy.isEmpty()) {
            problems.put("policy", "must be one of mirror, append");
        }
        refuseIfAny(problems);
        TargetDatabase database = reachable(connection, change.databaseId())
                .orElseThrow(() -> Validation.failure("database_id", "is not a database this connection's grant can "
                        + "reach: share it with the integration in Notion, or choose one from knowledge-sync/databases"));
        if (database.titleProperty() == null) {
            problems.put("database_id", "names a database without a title property");
        }
        requireProperty(database, "tags_property", change.tagsProperty(), "multi_select", problems);
        requireProperty(database, "updated_property", change.updatedProperty(), "date", problems);
        refuseIfAny(problems);
        KnowledgeSyncSettings settings = new KnowledgeSyncSettings(database.id(), database.title(),
                database.titleProperty(), policy.get(), blankToNull(change.tagsProperty()),
                blankToNull(change.updatedProperty()));
        store.transact(() -> {
            Connection fresh = store.requireVisible(principal, connection.id());
            push.store().saveSettings(principal.workspaceId(), fresh.id(), settings, store.now());
            store.append(fresh, ConnectionEventType.UPDATED, principal.userId(), Map.of(
                    "knowledge_sync_database_id", settings.databaseId(), "knowledge_sync_policy", settings.policy().wire()),
                    store.now());
            return null;
        });
        return view(store.requireVisible(principal, connection.id()));
    }

    @Override
    public List<TargetDatabase> databases(Principal principal, String connectionId) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_READ);
        Connection connection = knowledgeConnection(principal, connectionId);
        // part of configuring it: only those who may change the settings make Notion calls with its grant
        Permissions.requireMayManage(principal, connection, store.connectorOf(connection));
        return call(() -> push.target().databases(credentials(connection)));
    }

    private Optional<TargetDatabase> reachable(Connection connection, String databaseId) {
        return call(() -> push.target().database(credentials(connection), databaseId));
    }

    private Credentials credentials(Connection connection) {
        return vault.load(connection.workspaceId(), connection.id()).orElseThrow(() -> new ConnectionsException(
                ErrorCode.INVALID_CREDENTIALS, "The connection holds no Notion grant: reconnect it first"));
    }

    private static <T> T call(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (Refused refused) {
            if (refused.reason() == ErrorReason.AUTH) {
                throw new ConnectionsException(ErrorCode.INVALID_CREDENTIALS,
                        "Notion refused the connection's grant: reconnect it");
            }
            throw new ConnectionsException(ErrorCode.PROVIDER_UNAVAILABLE, "Notion did not answer: try again later");
        }
    }

    private KnowledgeSyncView view(Connection connection) {
        Optional<KnowledgeSyncSettings> settings = push.store().settings(connection.workspaceId(), connection.id());
        ConnectionSnapshot snapshot = store.connections.findSnapshot(connection.workspaceId(), connection.id())
                .orElseThrow(ConnectionStore::notFound);
        return new KnowledgeSyncView(connection.id().value(), settings.orElse(null),
                settings.isPresent() ? null : KnowledgePush.NOT_CONFIGURED,
                push.store().pageCount(connection.workspaceId(), connection.id()),
                connection.sync().lastSyncedAt(), snapshot.lastRun());
    }

    /** A visible connection of a connector type the push serves. */
    private Connection knowledgeConnection(Principal principal, String rawId) {
        ConnectionId id = ConnectionStore.parseId(rawId);
        Connection connection = store.requireVisible(principal, id);
        if (!push.pushes(connection.connectorType())) {
            throw new ConnectionsException(ErrorCode.CONNECTION_NOT_SYNCABLE,
                    "Only a Notion Knowledge Sync connection has a knowledge sync");
        }
        return connection;
    }

    private static void requireProperty(TargetDatabase database, String field, String name, String type,
            Map<String, Object> problems) {
        if (name == null || name.isBlank()) {
            return;
        }
        Optional<String> found = database.property(name).map(p -> p.type());
        if (found.isEmpty()) {
            problems.put(field, "names no property of the database");
        } else if (!found.get().equals(type)) {
            problems.put(field, "must name a " + type + " property (it is " + found.get() + ")");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void refuseIfAny(Map<String, Object> problems) {
        if (!problems.isEmpty()) {
            throw new ConnectionsException(ErrorCode.VALIDATION_FAILED, "The knowledge sync settings are invalid",
                    problems);
        }
    }
}
