package com.amdahl.connections.application.service;

import com.amdahl.connections.application.AvailableActions;
import com.amdahl.connections.application.Permissions;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectionView;
import com.amdahl.connections.application.port.in.CredentialSummary;
import com.amdahl.connections.application.port.out.ConcurrentUpdate;
import com.amdahl.connections.application.port.out.ConnectionRepository;
import com.amdahl.connections.application.port.out.ConnectionSnapshot;
import com.amdahl.connections.application.port.out.EventLog;
import com.amdahl.connections.application.port.out.UnitOfWork;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEvent;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.health.HealthPolicy;
import com.amdahl.connections.domain.health.HealthReport;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What every connection use case shares: loading what the caller may see, saving a transition
 * with its audit events (health_changed included) and the notifications they cause in one unit of
 * work, and building views.
 */
final class ConnectionStore {
    private static final int ATTEMPTS = 3;

    final ConnectionRepository connections;
    final EventLog events;
    final UnitOfWork unitOfWork;
    final Catalog catalog;
    final HealthPolicy healthPolicy;
    final Clock clock;
    final Notifier notifier;
    private final SyncableConnectors syncable;

    ConnectionStore(ConnectionRepository connections, EventLog events, UnitOfWork unitOfWork, Catalog catalog,
            HealthPolicy healthPolicy, Clock clock, Notifier notifier, SyncableConnectors syncable) {
        this.syncable = syncable;
        this.connections = connections;
        this.events = events;
        this.unitOfWork = unitOfWork;
        this.catalog = catalog;
        this.healthPolicy = healthPolicy;
        this.clock = clock;
        this.notifier = notifier;
    }

    static ConnectionsException notFound() {
        return ConnectionsException.connectionNotFound();
    }

    /** An id as a caller wrote it; one that cannot exist is reported exactly like a missing one. */
    static ConnectionId parseId(String raw) {
        try {
            return new ConnectionId(raw);
        } catch (IllegalArgumentException | NullPointerException impossible) {
            throw notFound();
        }
    }

    Instant now() {
        return clock.instant();
    }

    Connector connectorOf(Connection connection) {
        return catalog.require(connection.connectorType());
    }

    /** The connection if the caller may see it; otherwise exactly the not-found of a missing id. */
    Connection requireVisible(Principal principal, ConnectionId id) {
        Connection connection = connections.find(principal.workspaceId(), id).orElseThrow(ConnectionStore::notFound);
        if (!isVisible(principal, connection)) {
            throw notFound();
        }
        return connection;
    }

    boolean isVisible(Principal principal, Connection connection) {
        return catalog.find(connection.connectorType())
                .map(connector -> Permissions.canSee(principal, connection, connector)).orElse(false);
    }

    /** The view {@code principal} gets: with health at {@code now}, credential facts and what they may do next. */
    ConnectionView view(Principal principal, ConnectionSnapshot snapshot, Instant now) {
        Connection connection = snapshot.connection();
        Connector connector = connectorOf(connection);
        return new ConnectionView(connection, snapshot.lastRun(), healthPolicy.evaluate(connection, now),
                credentials(snapshot), AvailableActions.of(principal, connection, connector,
                syncable.isSyncable(connection, connector)), syncable.knowledgeSummary(connection, connector));
    }

    /** Credential facts by auth method: only OAuth grants expire, refresh and carry scopes. */
    private CredentialSummary credentials(ConnectionSnapshot snapshot) {
        var connector = catalog.find(snapshot.connection().connectorType()).orElse(null);
        if (connector == null) {
            return null;
        }
        var facts = snapshot.credentials();
        return switch (connector.authMethod()) {
            case OAUTH_REDIRECT -> new CredentialSummary("oauth", facts.expiresAt(), facts.lastRefreshedAt(),
                    facts.scopesGranted());
            case API_KEY -> new CredentialSummary("api_key", null, null, null);
            case HANDLE -> new CredentialSummary("handle", null, null, null);
            case WEBHOOK -> new CredentialSummary("webhook", null, null, null);
        };
    }

    ConnectionView view(Principal principal, ConnectionId id) {
        return view(principal, connections.findSnapshot(principal.workspaceId(), id).orElseThrow(ConnectionStore::notFound),
                now());
    }

    /**
     * Stores {@code after} over {@code before}, appends the event (when {@code type} is not null)
     * and a health_changed event when the derived health moved. Call inside a unit of work.
     */
    Connection save(Connection before, Connection after, ConnectionEventType type, UserId actor,
            Map<String, Object> details) {
        if (after == before) {
            return before;
        }
        Connection stored = connections.update(after);
        Instant now = now();
        if (type != null) {
            append(stored, type, actor, details, now);
        }
        recordHealthChange(before, stored, actor, now);
        return stored;
    }

    void recordHealthChange(Connection before, Connection after, UserId actor, Instant now) {
        HealthReport was = healthPolicy.evaluate(before, now);
        HealthReport is = healthPolicy.evaluate(after, now);
        if (was.health() != is.health()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from", was.health().wire());
            details.put("to", is.health().wire());
            details.put("reason", is.detail().reason());
            append(after, ConnectionEventType.HEALTH_CHANGED, actor, details, now);
        }
        notifier.onHealthChange(before, after, now);
    }

    void append(Connection connection, ConnectionEventType type, UserId actor, Map<String, Object> details,
            Instant at) {
        Map<String, Object> clean = new LinkedHashMap<>();
        details.forEach((k, v) -> {
            if (v != null) {
                clean.put(k, v);
            }
        });
        events.append(new ConnectionEvent(UUID.randomUUID().toString(), connection.workspaceId(), connection.id(),
                type, at, actor, clean));
        notifier.onEvent(connection, type, clean, at);
    }

    /** Runs the work in a transaction, retrying on an optimistic-lock conflict with a fresh read. */
    <T> T transact(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return unitOfWork.inTransaction(work);
            } catch (ConcurrentUpdate conflict) {
                if (attempt == ATTEMPTS) {
                    throw conflict;
                }
            }
        }
    }
}
