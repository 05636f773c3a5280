package com.amdahl.connections.application.port.in;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What operators watch: readiness for probes, and fleet-wide gauges for metrics. No tenant data. */
public interface ObserveOperations {

    /** Empty when the service can serve requests (storage answers, schema current); else why not. */
    Optional<String> notReadyReason();

    /** Counts over every workspace, computed from grouped queries. */
    Fleet fleet();

    /**
     * Connections by connector type and status, and by connector type and derived health; runs in
     * flight by status; per schedulable connector type, how long the oldest due connection has
     * waited to be dispatched (zero when none waits).
     */
    record Fleet(List<Count> byStatus, List<Count> byHealth, Map<String, Long> runsInFlight,
            Map<String, Duration> schedulerLag) {
    }

    /** How many connections of a type have one value (a status or a health). */
    record Count(String connectorType, String value, long count) {
    }
}
