package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    default List<ConnectionRef> findDueCandidates(Map<String, Instant> dispatchedBeforeByType, int limit) {
        return findDueCandidates(dispatchedBeforeByType, Set.of(), limit, limit, null);
    }

    /**
     * {@link #findDueCandidates(Map, int)}, fair across workspaces: at most {@code perWorkspace} of
     * each workspace, none of the {@code excluded} ones, and in rounds (every workspace's first
     * candidate, then every workspace's second ...), so a workspace with many due connections
     * cannot push another's out of the answer. Each workspace's candidates keep their order.
     * Connections whose last run's rate-limit hold ends after {@code now} are left out (null: none is).
     */
    List<ConnectionRef> findDueCandidates(Map<String, Instant> dispatchedBeforeByType, Set<WorkspaceId> excluded,
            int perWorkspace, int limit, Instant now);

    /** Runs in flight per workspace, for the workspaces that have any (pending or running). */
    Map<WorkspaceId, InFlight> runsInFlight();

    /** How many runs of one workspace are running now. */
    int runningIn(WorkspaceId workspaceId);

    /** Runs in flight whose lease expired: running with a heartbeat before the cutoff, or pending since before it. */
    List<RunRef> findExpiredRuns(Instant runningHeartbeatBefore, Instant pendingSince, int limit);

    /** Pending runs, oldest first: dispatched and waiting for a worker. */
    default List<RunRef> findPendingRuns(int limit) {
        return findPendingRuns(Set.of(), limit, limit);
    }

    /**
     * Pending runs, fair across workspaces: at most {@code perWorkspace} of each (oldest first),
     * none of the {@code excluded} workspaces, in rounds across workspaces like the due query.
     */
    List<RunRef> findPendingRuns(Set<WorkspaceId> excluded, int perWorkspace, int limit);

    /**
     * Deletes finished runs that started before {@code cutoff}, keeping the newest {@code keep}
     * of each connection; at most {@code batch} rows per call. Returns how many were deleted.
     */
    int deleteOldRuns(Instant cutoff, int keep, int batch);

    /** A connection, found across workspaces. */
    record ConnectionRef(WorkspaceId workspaceId, ConnectionId connectionId, String connectorType) {
    }

    /** A workspace's runs in flight. */
    record InFlight(int pending, int running) {
        public int total() {
            return pending + running;
        }
    }

    /**
     * Orders {@code candidates} (each workspace's in its own order) in rounds across workspaces,
     * workspaces in the order of their first candidate, at most {@code perWorkspace} each.
     */
    static <T> List<T> roundRobin(List<T> candidates, java.util.function.Function<T, WorkspaceId> workspace,
            int perWorkspace, int limit) {
        Map<WorkspaceId, java.util.ArrayDeque<T>> byWorkspace = new java.util.LinkedHashMap<>();
        for (T candidate : candidates) {
            byWorkspace.computeIfAbsent(workspace.apply(candidate), w -> new java.util.ArrayDeque<>()).add(candidate);
        }
        List<T> fair = new java.util.ArrayList<>();
        for (int round = 0; round < perWorkspace && fair.size() < limit; round++) {
            boolean any = false;
            for (java.util.ArrayDeque<T> queue : byWorkspace.values()) {
                T next = queue.poll();
                if (next != null && fair.size() < limit) {
                    fair.add(next);
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return fair;
    }

    /** A run, found across workspaces. */
    record RunRef(WorkspaceId workspaceId, RunId runId) {
    }
}
