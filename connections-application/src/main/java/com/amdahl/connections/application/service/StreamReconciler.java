package com.amdahl.connections.application.service;

import com.amdahl.connections.application.DeleteSettings;
import com.amdahl.connections.application.port.out.RecordReconciliations;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.RecordSink.DeletedRecord;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.domain.sync.RecordCounts;
import com.amdahl.connections.domain.sync.Reconciliation;
import com.amdahl.connections.domain.sync.SyncRun;
import java.time.Duration;
import java.time.Instant;
import com.amdahl.connections.application.port.out.StreamPuller.ListingWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Delete detection for the streams whose provider gives no delete signal, around one stream's pull:
 * {@link #plan} says whether the pass is a full one to reconcile (every pass of a stream without a
 * cursor; an incremental stream's pass once per period, pulled from no cursor), and after a pass
 * that succeeded {@link #reconcile} applies {@link Reconciliation}'s decision. A stream whose
 * listing is a window at the newest end of an order is reconciled within what the pass listed
 * ({@link Reconciliation#inWindow}); any other stream that does not list everything never is.
 */
final class StreamReconciler {
    private static final int DELETE_PAGE = 500;

    private final RecordReconciliations state; // null: the store is the embedder's own; nothing is reconciled
    private final StreamPuller puller;
    private final RecordSink sink;
    private final DeleteSettings settings;
    private final ConnectionStore store;

    StreamReconciler(RecordReconciliations state, StreamPuller puller, RecordSink sink, DeleteSettings settings,
            ConnectionStore store) {
        this.state = state;
        this.puller = puller;
        this.sink = sink;
        this.settings = settings;
        this.store = store;
    }

    /**
     * The cursor to pull from, whether the pass is reconciled when it succeeds, and the window its
     * listing is (null: it lists everything, or is not reconciled).
     */
    record Plan(String cursor, boolean reconciled, ListingWindow window) {
        Plan(String cursor, boolean reconciled) {
            this(cursor, reconciled, null);
        }
    }

    Plan plan(SyncRun run, String connectorType, String stream, String storedCursor) {
        ListingWindow window = state == null || puller.listsEverything(connectorType, stream) ? null
                : puller.listingWindow(connectorType, stream).orElse(null);
        if (state == null || (window == null && !puller.listsEverything(connectorType, stream))) {
            return new Plan(storedCursor, false);
        }
        if (storedCursor == null) {
            return new Plan(null, true, window);
        }
        Instant now = store.now();
        RecordReconciliations.State known = state.state(run.workspaceId(), run.connectionId(), stream);
        if (known.lastFullPassAt() == null) {
            // First counted: its turn falls somewhere in the coming period, not now for every stream at once.
            state.save(run.workspaceId(), run.connectionId(), stream, Set.of(), 0, now.minus(spread(run, stream)));
            return new Plan(storedCursor, false);
        }
        boolean due = !now.isBefore(known.lastFullPassAt().plus(settings.reconcileEvery()));
        return due ? new Plan(null, true, window) : new Plan(storedCursor, false);
    }

    /**
     * Applies what a complete pass that listed {@code listed} (through {@code counted}) decides;
     * answers the deletes made and held.
     */
    RecordCounts reconcile(SyncRun run, String stream, Plan plan, CountingSink counted) {
        Set<String> listed = counted.listed();
        List<String> unlisted = new ArrayList<>();
        long live;
        if (plan.window() == null) {
            live = state.eachLiveId(run.workspaceId(), run.connectionId(), stream, id -> {
                if (!listed.contains(id)) {
                    unlisted.add(id);
                }
            });
        } else {
            OptionalLong leastListed = counted.leastListed();
            long[] listedLive = {0};
            state.eachLiveId(run.workspaceId(), run.connectionId(), stream, id -> {
                if (listed.contains(id)) {
                    listedLive[0]++;
                } else if (leastListed.isPresent()) { // a pass that listed no key judges nothing unlisted
                    unlisted.add(id);
                }
            });
            List<String> inside = withinWindow(run, stream, unlisted, plan.window(), leastListed);
            unlisted.clear();
            unlisted.addAll(inside);
            live = listedLive[0] + inside.size(); // the guard weighs what the window spans
        }
        RecordReconciliations.State known = state.state(run.workspaceId(), run.connectionId(), stream);
        Reconciliation.Decision decision = Reconciliation.decide(live, unlisted, known.missing(), known.confirmed(),
                settings.guard());
        long deleted = 0;
        List<DeletedRecord> page = new ArrayList<>(DELETE_PAGE);
        for (String id : new java.util.TreeSet<>(decision.delete())) { // in id order: the same positions every time
            page.add(new DeletedRecord(id, null));
            if (page.size() == DELETE_PAGE) {
                deleted += sink.delete(run.workspaceId(), run.connectionId(), stream, page).deleted();
                page.clear();
            }
        }
        if (!page.isEmpty()) {
            deleted += sink.delete(run.workspaceId(), run.connectionId(), stream, page).deleted();
        }
        state.save(run.workspaceId(), run.connectionId(), stream, decision.missing(), decision.held(), store.now());
        return RecordCounts.reconciled(deleted, decision.held());
    }

    /** Of the live records a windowed pass did not list, those inside its window (their payloads read a page at a time). */
    private List<String> withinWindow(SyncRun run, String stream, List<String> unlisted, ListingWindow window,
            OptionalLong leastListed) {
        List<String> inside = new ArrayList<>();
        for (int from = 0; from < unlisted.size(); from += DELETE_PAGE) {
            inside.addAll(inWindow(run, stream, unlisted.subList(from, Math.min(unlisted.size(), from + DELETE_PAGE)),
                    window, leastListed));
        }
        return inside;
    }

    private List<String> inWindow(SyncRun run, String stream, List<String> unlisted, ListingWindow window,
            OptionalLong leastListed) {
        List<String> inside = new ArrayList<>();
        state.livePayloads(run.workspaceId(), run.connectionId(), stream, unlisted).forEach((id, payload) -> {
            if (Reconciliation.inWindow(window.keyOf(payload), leastListed)) {
                inside.add(id);
            }
        });
        return inside;
    }

    /** A stable offset within the period for one stream of one connection. */
    private Duration spread(SyncRun run, String stream) {
        long period = settings.reconcileEvery().toSeconds();
        long hash = Integer.toUnsignedLong((run.connectionId().value() + "/" + stream).hashCode());
        return Duration.ofSeconds(hash % Math.max(1, period));
    }
}
