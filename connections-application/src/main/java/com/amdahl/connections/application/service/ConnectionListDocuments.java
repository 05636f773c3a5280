package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Permissions;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.in.ConnectionView;
import com.amdahl.connections.application.port.out.WorkspaceDirectory;
import com.amdahl.connections.application.view.Document;
import com.amdahl.connections.domain.connection.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connection list, rendered once per caller and kept while the workspace's change counter
 * stands still and the clock has not reached the first instant a connection could turn stale.
 * Every read asks the database for the counter first (one primary-key lookup), so a write
 * committed by any process is seen by the next read here: the bound on staleness across
 * processes is the commit itself, not a time window.
 */
final class ConnectionListDocuments {
    /** Memory for kept lists; a 1,000-connection list is about 0.8 MB. */
    static final long BUDGET_BYTES = 64L << 20;

    private final ConnectionStore store;
    private final WorkspaceDirectory workspaces;
    private final Map<Viewer, RenderedList> kept = new LinkedHashMap<>(16, 0.75f, true);
    private long keptBytes;

    ConnectionListDocuments(ConnectionStore store, WorkspaceDirectory workspaces) {
        this.store = store;
        this.workspaces = workspaces;
    }

    Document whole(Principal principal) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_READ);
        return rendered(principal).whole();
    }

    Document page(Principal principal, Integer limit, String cursor) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_READ);
        int effective = ConnectionQueryService.effectiveLimit(limit);
        ListCursor after = cursor == null ? null : ListCursor.decode(cursor);
        return rendered(principal).page(effective, after);
    }

    private RenderedList rendered(Principal principal) {
        Viewer viewer = Viewer.of(principal);
        // The counter before the rows: rows read afterwards are at least this new.
        long counter = workspaces.changeCounter(principal.workspaceId());
        Instant now = store.now();
        RenderedList list = find(viewer, counter, now);
        if (list == null) {
            list = render(principal, counter, now);
            keep(viewer, list);
        }
        return list;
    }

    private RenderedList render(Principal principal, long counter, Instant now) {
        List<ConnectionView> views = new ArrayList<>();
        Instant validUntil = Instant.MAX;
        for (var snapshot : store.connections.listSnapshots(principal.workspaceId())) {
            Connection connection = snapshot.connection();
            if (store.isVisible(principal, connection)) {
                views.add(store.view(principal, snapshot, now));
                Instant until = store.healthPolicy.unchangedUntil(connection, now).orElse(Instant.MAX);
                if (until.isBefore(validUntil)) {
                    validUntil = until;
                }
            }
        }
        return RenderedList.render(views, counter, validUntil);
    }

    private synchronized RenderedList find(Viewer viewer, long counter, Instant now) {
        RenderedList list = kept.get(viewer);
        return list != null && list.isCurrent(counter, now) ? list : null;
    }

    private synchronized void keep(Viewer viewer, RenderedList list) {
        RenderedList previous = kept.get(viewer);
        if (previous != null && previous.counter > list.counter) {
            return; // a concurrent read rendered newer rows; keep those
        }
        if (previous != null) {
            keptBytes -= previous.bytes();
        }
        if (list.bytes() > BUDGET_BYTES) {
            kept.remove(viewer);
            return;
        }
        kept.put(viewer, list);
        keptBytes += list.bytes();
        for (Iterator<RenderedList> eldest = kept.values().iterator(); keptBytes > BUDGET_BYTES && eldest.hasNext(); ) {
            RenderedList evicted = eldest.next();
            keptBytes -= evicted.bytes();
            eldest.remove();
        }
    }
}
