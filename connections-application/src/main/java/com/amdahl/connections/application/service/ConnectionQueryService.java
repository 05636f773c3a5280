package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Permissions;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.in.ConnectionView;
import com.amdahl.connections.application.port.in.QueryConnections;
import com.amdahl.connections.application.port.out.SyncRunRepository;
import com.amdahl.connections.domain.connection.ConnectionEvent;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import java.time.Instant;
import java.util.List;

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
        return visible(principal);
    }

    @Override
    public ConnectionView get(Principal principal, ConnectionId id) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_READ);
        return visible(principal, id);
    }

    @Override
    public List<SyncRun> runs(Principal principal, ConnectionId id, Integer limit) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_READ);
        return visibleRuns(principal, id, Limits.effective(limit));
    }

    @Override
    public List<ConnectionEvent> events(Principal principal, ConnectionId id, Integer limit) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_READ);
        return visibleEvents(principal, id, Limits.effective(limit));
    }

    // The reads for a caller whose scope was checked already (DocumentService checks it once).

    List<ConnectionView> visible(Principal principal) {
        Instant now = store.now();
        return store.connections.listSnapshots(principal.workspaceId()).stream()
                .filter(snapshot -> store.isVisible(principal, snapshot.connection()))
                .map(snapshot -> store.view(principal, snapshot, now))
                .toList();
    }

    ConnectionView visible(Principal principal, ConnectionId id) {
        var snapshot = store.connections.findSnapshot(principal.workspaceId(), id)
                .filter(s -> store.isVisible(principal, s.connection()))
                .orElseThrow(ConnectionStore::notFound);
        return store.view(principal, snapshot, store.now());
    }

    List<SyncRun> visibleRuns(Principal principal, ConnectionId id, int limit) {
        store.requireVisible(principal, id);
        return runs.listRecent(principal.workspaceId(), id, limit);
    }

    List<ConnectionEvent> visibleEvents(Principal principal, ConnectionId id, int limit) {
        store.requireVisible(principal, id);
        return store.events.listRecent(principal.workspaceId(), id, limit);
    }
}
