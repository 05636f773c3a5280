package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.sync.RecordCounts;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import com.amdahl.connections.application.port.out.StreamPuller.ListingWindow;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The sink one stream of a run writes through: it adds up what the store says each page did, so
 * the run reports the store's account (added, updated, deleted, unchanged, skipped), not the
 * puller's; for a pass that is reconciled, it also remembers every id the provider listed (and, for
 * a windowed listing, the least key listed).
 */
final class CountingSink implements RecordSink {
    private final RecordSink store;
    private final Set<String> listed; // null: the pass is not reconciled
    private final ListingWindow window; // null: the pass lists everything, or is not reconciled
    private OptionalLong leastListed = OptionalLong.empty();
    private RecordCounts counted = RecordCounts.NONE;

    CountingSink(RecordSink store, boolean remembersListed, ListingWindow window) {
        this.store = store;
        this.listed = remembersListed ? new HashSet<>() : null;
        this.window = remembersListed ? window : null;
    }

    @Override
    public synchronized RecordCounts write(WorkspaceId workspaceId, ConnectionId connectionId, String stream,
            List<SyncedRecord> records) {
        RecordCounts page = counted(store.write(workspaceId, connectionId, stream, records),
                records.stream().map(SyncedRecord::externalId));
        if (window != null) {
            records.forEach(record -> window.keyOf(record.payloadJson()).ifPresent(key -> leastListed =
                    OptionalLong.of(leastListed.isPresent() ? Math.min(leastListed.getAsLong(), key) : key)));
        }
        return page;
    }

    @Override
    public synchronized RecordCounts delete(WorkspaceId workspaceId, ConnectionId connectionId, String stream,
            List<DeletedRecord> records) {
        return counted(store.delete(workspaceId, connectionId, stream, records),
                records.stream().map(DeletedRecord::externalId));
    }

    /** Adds what the store said a page did, and remembers the page's ids when the pass is reconciled. */
    private RecordCounts counted(RecordCounts page, java.util.stream.Stream<String> ids) {
        counted = counted.plus(page);
        if (listed != null) {
            ids.forEach(listed::add);
        }
        return page;
    }

    synchronized RecordCounts counted() {
        return counted;
    }

    /** For a windowed listing, the least key the pass listed (empty: it listed no record with a key). */
    synchronized OptionalLong leastListed() {
        return leastListed;
    }

    /** The ids the pass listed, live or deleted (empty when the pass is not reconciled). */
    synchronized Set<String> listed() {
        // a view, not a copy: read once the pass is over, and a full pass may list a million ids
        return listed == null ? Set.of() : java.util.Collections.unmodifiableSet(listed);
    }
}
