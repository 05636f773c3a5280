package com.amdahl.connections.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sync engine behaves: a running run heartbeats every {@code heartbeatEvery} and is reaped
 * once silent for {@code lease}; a dispatched run nobody started is reaped after
 * {@code pendingTimeout}; no run lasts longer than {@code runTimeout}; finished runs older than
 * {@code retention} are deleted, keeping the newest {@code keepRuns} of each connection; OAuth
 * tokens are refreshed when they expire within {@code refreshAhead}.
 */
public record SyncSettings(Duration heartbeatEvery, Duration lease, Duration pendingTimeout, Duration runTimeout,
        Duration retention, int keepRuns, Duration refreshAhead) {

    public SyncSettings {
        for (Duration d : new Duration[] {heartbeatEvery, lease, pendingTimeout, runTimeout, retention, refreshAhead}) {
            Objects.requireNonNull(d, "durations are required");
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative");
            }
        }
        if (lease.compareTo(heartbeatEvery.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the lease must cover at least two heartbeats");
        }
        if (keepRuns < 1) {
            throw new IllegalArgumentException("keepRuns must be at least 1");
        }
    }

    public static SyncSettings defaults() {
        return new SyncSettings(Duration.ofSeconds(15), Duration.ofMinutes(2), Duration.ofMinutes(15),
                Duration.ofMinutes(30), Duration.ofDays(90), 25, Duration.ofMinutes(5));
    }

    public SyncSettings withLease(Duration heartbeat, Duration newLease) {
        return new SyncSettings(heartbeat, newLease, pendingTimeout, runTimeout, retention, keepRuns, refreshAhead);
    }

}
