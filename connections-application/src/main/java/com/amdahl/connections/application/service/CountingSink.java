package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.sync.RecordCounts;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.List;

/**
 * The sink one stream of a run writes through: it adds up what the store says each page did, so
 * the run reports the store's account (added, updated, unchanged, skipped), not the puller's.
 */
final class CountingSink implements RecordSink {
    private final RecordSink store;
    private RecordCounts counted = RecordCounts.NONE;

    CountingSink(RecordSink store) {
        this.store = store;
    }

    @Override
    public synchronized RecordCounts write(WorkspaceId workspaceId, ConnectionId connectionId, String stream,
            List<SyncedRecord> records) {
        RecordCounts page = store.write(workspaceId, connectionId, stream, records);
        counted = counted.plus(page);
        return page;
    }

    synchronized RecordCounts counted() {
        return counted;
    }
}
