package com.amdahl.connections.app.ops;

import com.amdahl.connections.application.port.in.ObserveOperations;
import com.amdahl.connections.application.port.in.ObserveOperations.Count;
import com.amdahl.connections.application.port.in.ObserveOperations.Fleet;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Fleet-wide gauges (connections by type and status, by type and health, runs in flight,
 * scheduler lag), refreshed from a few grouped queries when scraped, at most once per
 * {@code maxAge}: a busy scraper never turns into database load.
 */
final class FleetGauges {
    private final ObserveOperations operations;
    private final Duration maxAge;
    private final Clock clock;
    private final MultiGauge byStatus;
    private final MultiGauge byHealth;
    private final MultiGauge runsInFlight;
    private final MultiGauge schedulerLag;
    private Instant refreshedAt;

    FleetGauges(MeterRegistry registry, ObserveOperations operations, Duration maxAge, Clock clock) {
        this.operations = operations;
        this.maxAge = maxAge;
        this.clock = clock;
        this.byStatus = MultiGauge.builder("connections.by.status")
                .description("Connections by connector type and status").register(registry);
        this.byHealth = MultiGauge.builder("connections.by.health")
                .description("Connections by connector type and derived health").register(registry);
        this.runsInFlight = MultiGauge.builder("connections.sync.runs.in.flight")
                .description("Runs pending (dispatched, waiting for a worker) and running").register(registry);
        this.schedulerLag = MultiGauge.builder("connections.scheduler.lag").baseUnit("seconds")
                .description("How long the oldest due connection of a type has waited to be dispatched")
                .register(registry);
    }

    /** Re-reads the aggregates unless they are younger than {@code maxAge}; a failed read keeps the last values. */
    synchronized void refreshIfStale() {
        Instant now = clock.instant();
        if (refreshedAt != null && Duration.between(refreshedAt, now).compareTo(maxAge) < 0) {
            return;
        }
        Fleet fleet = operations.fleet();
        refreshedAt = now;
        byStatus.register(rows(fleet.byStatus(), "status"), true);
        byHealth.register(rows(fleet.byHealth(), "health"), true);
        runsInFlight.register(fleet.runsInFlight().entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("status", e.getKey()), e.getValue())).toList(), true);
        schedulerLag.register(fleet.schedulerLag().entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("connector_type", e.getKey()), e.getValue().toMillis() / 1000.0))
                .toList(), true);
    }

    private static List<MultiGauge.Row<?>> rows(List<Count> counts, String valueTag) {
        return counts.stream().<MultiGauge.Row<?>>map(c -> MultiGauge.Row.of(
                Tags.of("connector_type", c.connectorType(), valueTag, c.value()), c.count())).toList();
    }
}
