package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.sync.ErrorReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Aggregates over every workspace for operators' gauges: cheap grouped queries, never a row per
 * connection, and nothing that names a workspace or a connection.
 */
public interface FleetStatistics {

    /**
     * Connections grouped by everything their health is derived from, with {@code stale} computed
     * against {@code staleBefore} (the freshness reference older than it).
     */
    List<HealthGroup> healthGroups(Instant staleBefore);

    /** How many runs are {@code pending} and {@code running}, by status wire name. */
    Map<String, Long> runsInFlight();

    /**
     * Per connector type, the oldest moment a connection that waits for the scheduler became due:
     * the earliest connected-at among those never dispatched since (re)connecting, and the earliest
     * last-dispatched-at among the others (the caller adds the cadence). Only connections the
     * scheduler may dispatch (connected or error, connected before, no re-authorization needed,
     * nothing in flight) count.
     */
    List<WaitingSince> waiting();

    /** One group of identical health facts. */
    record HealthGroup(String connectorType, ConnectionStatus status, boolean needsReauth, boolean syncing,
            boolean lastRunFailed, ErrorReason lastErrorReason, boolean lastRunDegraded, boolean stale, long count) {
    }

    /** The oldest waiting connection of a type, by the two clocks the due query uses; either may be null. */
    record WaitingSince(String connectorType, Instant oldestNeverDispatchedConnectedAt, Instant oldestLastDispatchedAt) {
    }
}
