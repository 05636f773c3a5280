package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.SchedulingQueries;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.statement.Query;

/**
 * The sync engine's cross-workspace queries, each one indexed statement: the due query on
 * {@code ix_connections_due}, the reaper on {@code ix_sync_runs_lease}, pending runs on
 * {@code ix_sync_runs_pending}, runs in flight per workspace on {@code ix_sync_runs_in_flight}.
 */
final class JdbiSchedulingQueries implements SchedulingQueries {
    private final Database db;

    JdbiSchedulingQueries(Database db) {
        this.db = db;
    }

    /**
     * Two pairs of indexed range scans on {@code ix_connections_due} (status, needs_reauth,
     * last_dispatched_at), one per syncable status: connections never dispatched since they
     * (re)connected, then connections last dispatched before the latest cutoff, checked against
     * their own type's cutoff; each ranked within its workspace and merged in rounds.
     */
    @Override
    public List<ConnectionRef> findDueCandidates(Map<String, Instant> dispatchedBeforeByType, Set<WorkspaceId> excluded,
            int perWorkspace, int limit, Instant now) {
        if (dispatchedBeforeByType.isEmpty() || limit < 1 || perWorkspace < 1) {
            return List.of();
        }
        StringBuilder types = new StringBuilder();
        StringBuilder cutoff = new StringBuilder("CASE connector_type");
        int i = 0;
        for (String type : dispatchedBeforeByType.keySet()) {
            types.append(i == 0 ? "" : ", ").append(":t").append(i);
            cutoff.append(" WHEN :t").append(i).append(" THEN :c").append(i);
            i++;
        }
        cutoff.append(" END");
        String filter = " AND active_run_id IS NULL AND sample = FALSE"
                + " AND connected_at IS NOT NULL AND connector_type IN (" + types + ")" + notIn(excluded)
                + (now == null ? "" : " AND (last_outcome_not_before IS NULL OR last_outcome_not_before <= :now)");
        String never = fair(dueRows(" AND last_dispatched_at IS NULL" + filter), "id");
        String overdue = fair(dueRows(" AND last_dispatched_at <= :latest AND last_dispatched_at <= " + cutoff + filter),
                "last_dispatched_at, id");
        Instant latest = dispatchedBeforeByType.values().stream().max(Instant::compareTo).orElseThrow();
        return db.withHandle(handle -> {
            List<ConnectionRef> due = new ArrayList<>(candidates(held(handle.createQuery(never), now),
                    dispatchedBeforeByType, excluded, perWorkspace, limit));
            due.addAll(candidates(held(handle.createQuery(overdue), now).bind("latest", Sql.ts(latest)),
                    dispatchedBeforeByType, excluded, perWorkspace, limit));
            return SchedulingQueries.roundRobin(due, ConnectionRef::workspaceId, perWorkspace, limit);
        });
    }

    /**
     * The connections of each syncable status matching {@code condition}: one equality per status,
     * so each branch is a range of {@code ix_connections_due} (status, needs_reauth,
     * last_dispatched_at) — an {@code IN} list on its first column makes H2 walk the whole index.
     */
    private static String dueRows(String condition) {
        String columns = "SELECT workspace_id, id, connector_type, last_dispatched_at FROM connections WHERE status = ";
        return columns + "'connected' AND needs_reauth = FALSE" + condition
                + " UNION ALL " + columns + "'error' AND needs_reauth = FALSE" + condition;
    }

    /**
     * {@code rows} ranked within their workspace by {@code order}, at most {@code :per} of each, in
     * rounds: every workspace's first, then every workspace's second. The window only ranks the
     * rows the index ranges found.
     */
    private static String fair(String rows, String order) {
        return "SELECT workspace_id, id, connector_type FROM (SELECT workspace_id, id, connector_type, last_dispatched_at,"
                + " ROW_NUMBER() OVER (PARTITION BY workspace_id ORDER BY " + order + ") AS rn FROM (" + rows + ") due)"
                + " ranked WHERE rn <= :per ORDER BY rn, " + order + " LIMIT :limit";
    }

    private static Query held(Query query, Instant now) {
        return now == null ? query : query.bind("now", Sql.ts(now));
    }

    private static String notIn(Set<WorkspaceId> excluded) {
        if (excluded.isEmpty()) {
            return "";
        }
        StringBuilder list = new StringBuilder(" AND workspace_id NOT IN (");
        for (int i = 0; i < excluded.size(); i++) {
            list.append(i == 0 ? "" : ", ").append(":x").append(i);
        }
        return list.append(")").toString();
    }

    private static void bindExcluded(Query query, Set<WorkspaceId> excluded) {
        int i = 0;
        for (WorkspaceId workspace : excluded) {
            query.bind("x" + i++, workspace.value());
        }
    }

    private static List<ConnectionRef> candidates(Query query, Map<String, Instant> cutoffs, Set<WorkspaceId> excluded,
            int perWorkspace, int limit) {
        query.bind("limit", limit).bind("per", perWorkspace);
        bindExcluded(query, excluded);
        int j = 0;
        for (Map.Entry<String, Instant> entry : cutoffs.entrySet()) {
            query.bind("t" + j, entry.getKey()).bind("c" + j, Sql.ts(entry.getValue()));
            j++;
        }
        return query.map((rs, ctx) -> new ConnectionRef(new WorkspaceId(rs.getString("workspace_id")),
                new ConnectionId(rs.getString("id")), rs.getString("connector_type"))).list();
    }

    @Override
    public List<RunRef> findExpiredRuns(Instant runningHeartbeatBefore, Instant pendingSince, int limit) {
        return db.withHandle(handle -> {
            List<RunRef> expired = new ArrayList<>(handle.createQuery("SELECT workspace_id, id FROM sync_runs"
                            + " WHERE status = 'running' AND heartbeat_at < :before ORDER BY heartbeat_at LIMIT :limit")
                    .bind("before", Sql.ts(runningHeartbeatBefore)).bind("limit", limit)
                    .map((rs, ctx) -> runRef(rs.getString("workspace_id"), rs.getString("id"))).list());
            expired.addAll(handle.createQuery("SELECT workspace_id, id FROM sync_runs"
                            + " WHERE status = 'pending' AND started_at < :since ORDER BY started_at LIMIT :limit")
                    .bind("since", Sql.ts(pendingSince)).bind("limit", Math.max(0, limit - expired.size()))
                    .map((rs, ctx) -> runRef(rs.getString("workspace_id"), rs.getString("id"))).list());
            return expired;
        });
    }

    /** Pending runs ranked within their workspace (oldest first) on {@code ix_sync_runs_pending}, in rounds. */
    @Override
    public List<RunRef> findPendingRuns(Set<WorkspaceId> excluded, int perWorkspace, int limit) {
        if (limit < 1 || perWorkspace < 1) {
            return List.of();
        }
        return db.withHandle(handle -> {
            Query query = handle.createQuery("SELECT workspace_id, id FROM (SELECT workspace_id, id, started_at,"
                            + " ROW_NUMBER() OVER (PARTITION BY workspace_id ORDER BY started_at, id) AS rn FROM sync_runs"
                            + " WHERE status = 'pending'" + notIn(excluded) + ") ranked"
                            + " WHERE rn <= :per ORDER BY rn, started_at, id LIMIT :limit")
                    .bind("limit", limit).bind("per", perWorkspace);
            bindExcluded(query, excluded);
            return query.map((rs, ctx) -> runRef(rs.getString("workspace_id"), rs.getString("id"))).list();
        });
    }

    /** One grouped read of {@code ix_sync_runs_in_flight}: only in-flight runs are visited. */
    @Override
    public Map<WorkspaceId, InFlight> runsInFlight() {
        return db.withHandle(handle -> {
            Map<WorkspaceId, InFlight> counts = new LinkedHashMap<>();
            handle.createQuery("SELECT workspace_id, status, COUNT(*) AS n FROM sync_runs"
                            + " WHERE status IN ('pending', 'running') GROUP BY workspace_id, status")
                    .map((rs, ctx) -> {
                        WorkspaceId workspace = new WorkspaceId(rs.getString("workspace_id"));
                        int n = rs.getInt("n");
                        boolean pending = "pending".equals(rs.getString("status"));
                        InFlight was = counts.getOrDefault(workspace, new InFlight(0, 0));
                        counts.put(workspace, new InFlight(was.pending() + (pending ? n : 0), was.running() + (pending ? 0 : n)));
                        return workspace;
                    }).list();
            return counts;
        });
    }

    @Override
    public int runningIn(WorkspaceId workspaceId) {
        return db.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM sync_runs"
                        + " WHERE status = 'running' AND workspace_id = :w")
                .bind("w", workspaceId.value()).mapTo(Integer.class).one());
    }

    @Override
    public int deleteOldRuns(Instant cutoff, int keep, int batch) {
        return db.inOwnOrCurrentTransaction(handle -> handle.createUpdate("DELETE FROM sync_runs WHERE id IN ("
                        + "SELECT id FROM (SELECT id, status, started_at, ROW_NUMBER() OVER (PARTITION BY connection_id"
                        + " ORDER BY started_at DESC, id DESC) AS rn FROM sync_runs) ranked"
                        + " WHERE rn > :keep AND started_at < :cutoff"
                        + " AND status IN ('completed', 'failed', 'skipped_locked') LIMIT :batch)")
                .bind("keep", keep).bind("cutoff", Sql.ts(cutoff)).bind("batch", batch)
                .execute());
    }

    private static RunRef runRef(String workspaceId, String runId) {
        return new RunRef(new WorkspaceId(workspaceId), new RunId(runId));
    }
}
