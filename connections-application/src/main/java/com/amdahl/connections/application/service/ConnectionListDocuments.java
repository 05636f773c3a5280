package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectionView;
import com.amdahl.connections.application.port.out.WorkspaceDirectory;
import com.amdahl.connections.application.view.Document;
import java.time.Instant;
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

    private final ConnectionQueryService queries;
    private final ConnectionStore store;
    private final WorkspaceDirectory workspaces;
    private final Map<Viewer, RenderedList> kept = new LinkedHashMap<>(16, 0.75f, true);
    private long keptBytes;

    ConnectionListDocuments(ConnectionQueryService queries, ConnectionStore store, WorkspaceDirectory workspaces) {
        this.queries = queries;
        this.store = store;
        this.workspaces = workspaces;
    }

    /** For a caller whose scope was checked already. */
    Document whole(Principal principal) {
        return rendered(principal).whole();
    }

    /** For a caller whose scope was checked already; {@code limit} is the one in force. */
    Document page(Principal principal, int limit, String cursor) {
        ListCursor after = cursor == null ? null : ListCursor.decode(cursor);
        return rendered(principal).page(limit, after);
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

    /**
     * The list use case's views, kept until the first instant one of them could turn stale. Health
     * in the views is taken a moment after {@code now}; a connection that turned stale in between
     * gives an instant already past, so the rendering is simply not reused.
     */
    private RenderedList render(Principal principal, long counter, Instant now) {
        List<ConnectionView> views = queries.visible(principal);
        Instant validUntil = views.stream()
                .map(view -> store.healthPolicy.unchangedUntil(view.connection(), now).orElse(Instant.MAX))
                .min(Instant::compareTo).orElse(Instant.MAX);
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
