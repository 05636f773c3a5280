package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Permissions;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.in.ConnectionView;
import com.amdahl.connections.application.port.in.QueryConnections;
import com.amdahl.connections.application.port.out.SyncRunRepository;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.ConnectionEvent;
import com.amdahl.connections.domain.connection.ConnectionId;
import com.amdahl.connections.domain.sync.SyncRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The reads: one query for the list (each connection with its last run), health derived on read. */
final class ConnectionQueryService implements QueryConnections {
    private final ConnectionStore store;
    private final SyncRunRepository runs;

    ConnectionQueryService(ConnectionStore store, SyncRunRepository runs) {
        this.store = store;
        this.runs = runs;
    }

    @Override
    public List<ConnectionView> list(Principal principal) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_READ);
        Instant now = store.now();
        return store.connections.listSnapshots(principal.workspaceId()).stream()
                .filter(snapshot -> store.isVisible(principal, snapshot.connection()))
                .map(snapshot -> store.view(principal, snapshot, now))
                .toList();
    }

    @Override
    public ConnectionView get(Principal principal, ConnectionId id) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_READ);
        var snapshot = store.connections.findSnapshot(principal.workspaceId(), id)
                .filter(s -> store.isVisible(principal, s.connection()))
                .orElseThrow(ConnectionStore::notFound);
        return store.view(principal, snapshot, store.now());
    }

    @Override
    public List<SyncRun> runs(Principal principal, ConnectionId id, Integer limit) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_READ);
        int effective = effectiveLimit(limit);
        store.requireVisible(principal, id);
        return runs.listRecent(principal.workspaceId(), id, effective);
    }

    @Override
    public List<ConnectionEvent> events(Principal principal, ConnectionId id, Integer limit) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_READ);
        int effective = effectiveLimit(limit);
        store.requireVisible(principal, id);
        return store.events.listRecent(principal.workspaceId(), id, effective);
    }

    /** CONTRACT 9.14: null means the default, above the cap is capped, below 1 is refused. */
    static int effectiveLimit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1) {
            throw new ConnectionsException(ErrorCode.VALIDATION_FAILED, "limit must be a positive integer",
                    Map.of("limit", "must be a positive integer"));
        }
        return Math.min(limit, MAX_LIMIT);
    }
}
