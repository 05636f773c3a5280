package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.SchedulingQueries;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;

/**
 * The sync engine's cross-workspace queries, each one indexed statement: the due query on
 * {@code ix_connections_due}, the reaper on {@code ix_sync_runs_lease}, pending runs on
 * {@code ix_sync_runs_pending}.
 */
final class JdbiSchedulingQueries implements SchedulingQueries {
    private final Database db;

    JdbiSchedulingQueries(Database db) {
        this.db = db;
    }

    /**
     * Two indexed range scans on {@code ix_connections_due} (status, needs_reauth,
     * last_dispatched_at): connections never dispatched since they (re)connected, then connections
     * last dispatched before the latest cutoff, checked against their own type's cutoff.
     */
    @Override
    public List<ConnectionRef> findDueCandidates(Map<String, Instant> dispatchedBeforeByType, int limit) {
        if (dispatchedBeforeByType.isEmpty() || limit < 1) {
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
        String base = "SELECT workspace_id, id, connector_type FROM connections"
                + " WHERE status IN ('connected', 'error') AND needs_reauth = FALSE AND active_run_id IS NULL AND sample = FALSE"
                + " AND connected_at IS NOT NULL AND connector_type IN (" + types + ")";
        String never = base + " AND last_dispatched_at IS NULL ORDER BY id LIMIT :limit";
        String overdue = base + " AND last_dispatched_at <= :latest AND last_dispatched_at <= " + cutoff
                + " ORDER BY last_dispatched_at, id LIMIT :limit";
        Instant latest = dispatchedBeforeByType.values().stream().max(Instant::compareTo).orElseThrow();
        return db.withHandle(handle -> {
            List<ConnectionRef> due = new ArrayList<>(candidates(handle.createQuery(never), dispatchedBeforeByType, limit));
            if (due.size() < limit) {
                due.addAll(candidates(handle.createQuery(overdue).bind("latest", Sql.ts(latest)), dispatchedBeforeByType,
                        limit - due.size()));
            }
            return due;
        });
    }

    private static List<ConnectionRef> candidates(Query query, Map<String, Instant> cutoffs, int limit) {
        query.bind("limit", limit);
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

    @Override
    public List<RunRef> findPendingRuns(int limit) {
        return db.withHandle(handle -> handle.createQuery("SELECT workspace_id, id FROM sync_runs"
                        + " WHERE status = 'pending' ORDER BY started_at, id LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> runRef(rs.getString("workspace_id"), rs.getString("id"))).list());
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
