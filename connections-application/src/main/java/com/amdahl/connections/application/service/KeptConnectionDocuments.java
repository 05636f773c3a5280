package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectionView;
import com.amdahl.connections.application.port.out.WorkspaceDirectory;
import com.amdahl.connections.application.view.Document;
import com.amdahl.connections.domain.workspace.ConnectionId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One connection's documents (the entry, its status) kept rendered per caller, on the rule the
 * kept list follows: reused while the workspace's change counter — read from the database before
 * anything else, on every read — stands still and the clock has not reached the instant the
 * connection could turn stale. A status poll then costs one primary-key lookup instead of the
 * connection's join with its last run and credential facts, its mapping and its rendering.
 * Not-found answers are never kept: they are re-decided on every read.
 */
final class KeptConnectionDocuments {
    /** About 0.5–1 KB each: at most a few MB. */
    static final int CAPACITY = 10_000;

    private final ConnectionQueryService queries;
    private final WorkspaceDirectory workspaces;
    private final ConnectionStore store;
    private final Map<Key, Kept> kept = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Kept> eldest) {
            return size() > CAPACITY;
        }
    };

    enum Shape { CONNECTION, STATUS }

    private record Key(Viewer viewer, ConnectionId id, Shape shape) {
    }

    private record Kept(long counter, Instant validUntil, Document document) {
    }

    KeptConnectionDocuments(ConnectionQueryService queries, WorkspaceDirectory workspaces, ConnectionStore store) {
        this.queries = queries;
        this.workspaces = workspaces;
        this.store = store;
    }

    /** For a caller whose scope was checked already. */
    Document read(Principal principal, ConnectionId id, Shape shape, Function<ConnectionView, Object> render) {
        Key key = new Key(Viewer.of(principal), id, shape);
        long counter = workspaces.changeCounter(principal.workspaceId()); // before the row: see WorkspaceDirectory
        Instant now = store.now();
        Kept known = find(key);
        if (known != null && known.counter == counter && !now.isAfter(known.validUntil)) {
            return known.document;
        }
        ConnectionView view = queries.visible(principal, id);
        Instant validUntil = store.healthPolicy.unchangedUntil(view.connection(), now).orElse(Instant.MAX);
        Document document = Document.ofJson(render.apply(view)).until(validUntil);
        keep(key, new Kept(counter, validUntil, document));
        return document;
    }

    private synchronized Kept find(Key key) {
        return kept.get(key);
    }

    private synchronized void keep(Key key, Kept fresh) {
        Kept previous = kept.get(key);
        if (previous == null || previous.counter <= fresh.counter) {
            kept.put(key, fresh);
        }
    }
}
