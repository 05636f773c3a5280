package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.in.ObserveOperations;
import com.amdahl.connections.application.port.out.FleetStatistics;
import com.amdahl.connections.application.port.out.FleetStatistics.HealthGroup;
import com.amdahl.connections.application.port.out.FleetStatistics.WaitingSince;
import com.amdahl.connections.application.port.out.ReadinessProbe;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.health.Health;
import com.amdahl.connections.domain.health.HealthFacts;
import com.amdahl.connections.domain.health.HealthPolicy;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Readiness and fleet gauges. Health per connector type is derived by the same {@link HealthPolicy}
 * as every read, applied once per group of identical facts rather than once per connection.
 */
final class OperationsService implements ObserveOperations {
    private final ConnectionStore store;
    private final FleetStatistics statistics;
    private final ReadinessProbe readiness;
    private final CadenceService cadence;
    private final SyncEngineService engine;

    OperationsService(ConnectionStore store, FleetStatistics statistics, ReadinessProbe readiness,
            CadenceService cadence, SyncEngineService engine) {
        this.store = store;
        this.statistics = statistics;
        this.readiness = readiness;
        this.cadence = cadence;
        this.engine = engine;
    }

    @Override
    public Optional<String> notReadyReason() {
        return readiness.notReadyReason();
    }

    @Override
    public Fleet fleet() {
        Instant now = store.now();
        HealthPolicy policy = store.healthPolicy;
        Instant staleBefore = now.minus(policy.freshnessThreshold());
        Map<List<String>, Long> byStatus = new LinkedHashMap<>();
        Map<List<String>, Long> byHealth = new LinkedHashMap<>();
        for (HealthGroup group : statistics.healthGroups(staleBefore)) {
            byStatus.merge(List.of(group.connectorType(), group.status().wire()), group.count(), Long::sum);
            Health health = policy.evaluate(facts(group, now, staleBefore), now).health();
            byHealth.merge(List.of(group.connectorType(), health.wire()), group.count(), Long::sum);
        }
        return new Fleet(counts(byStatus), counts(byHealth), statistics.runsInFlight(), schedulerLag(now));
    }

    /** Facts that evaluate like every connection of the group: only the flags the rules read matter. */
    private static HealthFacts facts(HealthGroup g, Instant now, Instant staleBefore) {
        Instant reference = g.stale() ? staleBefore.minusSeconds(1) : now;
        RunOutcome outcome = g.lastRunFailed() || g.lastRunDegraded()
                ? new RunOutcome(g.lastRunFailed(), g.lastRunDegraded() ? 1 : 0,
                        g.lastRunFailed() && g.lastErrorReason() == null ? ErrorReason.UNKNOWN : g.lastErrorReason(), now)
                : null;
        return new HealthFacts(g.status(), reference, g.needsReauth(), g.syncing(), g.syncing() ? now : null, outcome,
                reference, reference);
    }

    private Map<String, Duration> schedulerLag(Instant now) {
        Map<String, Duration> lag = new LinkedHashMap<>();
        for (Connector connector : store.catalog.all()) {
            if (engine.canSync(connector.type())) {
                lag.put(connector.type(), Duration.ZERO);
            }
        }
        for (WaitingSince waiting : statistics.waiting()) {
            if (!lag.containsKey(waiting.connectorType())) {
                continue;
            }
            Instant dueSince = waiting.oldestNeverDispatchedConnectedAt();
            if (waiting.oldestLastDispatchedAt() != null) {
                Duration interval = cadence.effective(store.catalog.require(waiting.connectorType())).interval();
                Instant due = waiting.oldestLastDispatchedAt().plus(interval);
                dueSince = dueSince == null || due.isBefore(dueSince) ? due : dueSince;
            }
            if (dueSince != null && dueSince.isBefore(now)) {
                lag.put(waiting.connectorType(), Duration.between(dueSince, now));
            }
        }
        return lag;
    }

    private static List<Count> counts(Map<List<String>, Long> grouped) {
        List<Count> counts = new ArrayList<>();
        grouped.forEach((key, n) -> counts.add(new Count(key.get(0), key.get(1), n)));
        return counts;
    }
}
