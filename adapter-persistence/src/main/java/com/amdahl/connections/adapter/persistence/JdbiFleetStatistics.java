package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.FleetStatistics;
import com.amdahl.connections.domain.WireNames;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.sync.ErrorReason;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Grouped, cross-workspace counts for operators' gauges: a few rows per connector type, never one per connection. */
final class JdbiFleetStatistics implements FleetStatistics {
    private static final String HEALTH_GROUPS = "SELECT connector_type, status, needs_reauth, syncing, failed, reason,"
            + " degraded, stale, COUNT(*) AS n FROM (SELECT connector_type, status, needs_reauth,"
            + " CASE WHEN active_run_running = TRUE THEN 1 ELSE 0 END AS syncing,"
            + " CASE WHEN last_outcome_failed = TRUE THEN 1 ELSE 0 END AS failed,"
            + " last_outcome_error_reason AS reason,"
            + " CASE WHEN last_outcome_failed = FALSE AND (last_outcome_streams_failed > 0"
            + " OR last_outcome_deletes_held > 0) THEN 1 ELSE 0 END AS degraded,"
            + " CASE WHEN COALESCE(last_synced_at, connected_at, status_changed_at) < :stale_before THEN 1 ELSE 0 END"
            + " AS stale FROM connections) facts"
            + " GROUP BY connector_type, status, needs_reauth, syncing, failed, reason, degraded, stale";

    private static final String WAITING = "SELECT connector_type,"
            + " MIN(CASE WHEN last_dispatched_at IS NULL THEN connected_at END) AS never_dispatched,"
            + " MIN(last_dispatched_at) AS last_dispatched"
            + " FROM connections WHERE status IN ('connected', 'error') AND needs_reauth = FALSE"
            + " AND active_run_id IS NULL AND connected_at IS NOT NULL GROUP BY connector_type";

    private final Database db;

    JdbiFleetStatistics(Database db) {
        this.db = db;
    }

    @Override
    public List<HealthGroup> healthGroups(Instant staleBefore) {
        return db.withHandle(handle -> handle.createQuery(HEALTH_GROUPS)
                .bind("stale_before", Sql.ts(staleBefore))
                .map((rs, ctx) -> new HealthGroup(rs.getString("connector_type"),
                        WireNames.parse(ConnectionStatus.class, rs.getString("status")).orElseThrow(),
                        rs.getBoolean("needs_reauth"), rs.getInt("syncing") == 1, rs.getInt("failed") == 1,
                        WireNames.parse(ErrorReason.class, rs.getString("reason")).orElse(null),
                        rs.getInt("degraded") == 1, rs.getInt("stale") == 1, rs.getLong("n")))
                .list());
    }

    @Override
    public Map<String, Long> runsInFlight() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("pending", 0L);
        counts.put("running", 0L);
        db.withHandle(handle -> handle.createQuery("SELECT status, COUNT(*) AS n FROM sync_runs"
                        + " WHERE status IN ('pending', 'running') GROUP BY status")
                .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n"))).list())
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    @Override
    public List<WaitingSince> waiting() {
        return db.withHandle(handle -> handle.createQuery(WAITING)
                .map((rs, ctx) -> new WaitingSince(rs.getString("connector_type"), Sql.instant(rs, "never_dispatched"),
                        Sql.instant(rs, "last_dispatched")))
                .list());
    }
}
