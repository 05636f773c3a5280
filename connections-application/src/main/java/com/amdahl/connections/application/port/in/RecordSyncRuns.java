package com.amdahl.connections.application.port.in;

import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;

/**
 * The sync engine's port: every run boundary and its effects on the connection happen in one
 * transaction with the run row.
 */
public interface RecordSyncRuns {
    /** Dispatches a run (pending), or records a skipped_locked run when one is in flight. */
    SyncRun dispatch(WorkspaceId workspaceId, ConnectionId id, TriggeredBy trigger);

    /** A worker starts the dispatched run. */
    SyncRun begin(WorkspaceId workspaceId, RunId runId);

    SyncRun heartbeat(WorkspaceId workspaceId, RunId runId);

    SyncRun finish(WorkspaceId workspaceId, RunId runId, RunResult result);

    /** Fails a run whose worker was lost (lease expired) and releases the connection's lock. */
    SyncRun reap(WorkspaceId workspaceId, RunId runId);
}
