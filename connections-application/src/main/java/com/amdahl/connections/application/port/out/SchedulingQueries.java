package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The sync engine's cross-workspace queries. They only find candidates: every decision is taken
 * again by the aggregate inside a unit of work, so a stale answer can never cause a double run.
 */
public interface SchedulingQueries {

    /**
     * Connections that may be due: status connected or error, connected at least once, not needing
     * re-authorization, no run in flight, of one of the given types, and either never dispatched
     * since they (re)connected or last dispatched at or before the type's cutoff; never-dispatched
     * first, then least recently dispatched. Indexed, never a scan.
     */
    List<ConnectionRef> findDueCandidates(Map<String, Instant> dispatchedBeforeByType, int limit);

    /** Runs in flight whose lease expired: running with a heartbeat before the cutoff, or pending since before it. */
    List<RunRef> findExpiredRuns(Instant runningHeartbeatBefore, Instant pendingSince, int limit);

    /** Pending runs, oldest first: dispatched and waiting for a worker. */
    List<RunRef> findPendingRuns(int limit);

    /**
     * Deletes finished runs that started before {@code cutoff}, keeping the newest {@code keep}
     * of each connection; at most {@code batch} rows per call. Returns how many were deleted.
     */
    int deleteOldRuns(Instant cutoff, int keep, int batch);

    /** A connection, found across workspaces. */
    record ConnectionRef(WorkspaceId workspaceId, ConnectionId connectionId, String connectorType) {
    }

    /** A run, found across workspaces. */
    record RunRef(WorkspaceId workspaceId, RunId runId) {
    }
}
