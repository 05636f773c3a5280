package com.amdahl.connections.application;

import java.time.Duration;
import java.util.Objects;

/**
 * How the sync engine behaves: a running run heartbeats every {@code heartbeatEvery} and is reaped
 * once silent for {@code lease}; a dispatched run nobody started is reaped after
 * {@code pendingTimeout}; no run lasts longer than {@code runTimeout}; finished runs older than
 * {@code retention} are deleted, keeping the newest {@code keepRuns} of each connection; OAuth
 * tokens are refreshed when they expire within {@code refreshAhead}; at most {@code workspaceMaxRuns}
 * runs of one workspace are in flight from the scheduler, and running, at once; a run waits for a
 * provider's rate limit at most {@code rateWaitMax} at a time.
 */
public record SyncSettings(Duration heartbeatEvery, Duration lease, Duration pendingTimeout, Duration runTimeout,
        Duration retention, int keepRuns, Duration refreshAhead, int workspaceMaxRuns, Duration rateWaitMax) {

    public SyncSettings(Duration heartbeatEvery, Duration lease, Duration pendingTimeout, Duration runTimeout,
            Duration retention, int keepRuns, Duration refreshAhead) {
        this(heartbeatEvery, lease, pendingTimeout, runTimeout, retention, keepRuns, refreshAhead, 2,
                Duration.ofSeconds(60));
    }

    public SyncSettings {
        for (Duration d : new Duration[] {heartbeatEvery, lease, pendingTimeout, runTimeout, retention, refreshAhead,
                rateWaitMax}) {
            Objects.requireNonNull(d, "durations are required");
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative");
            }
        }
        if (lease.compareTo(heartbeatEvery.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the lease must cover at least two heartbeats");
        }
        if (workspaceMaxRuns < 1) {
            throw new IllegalArgumentException("workspaceMaxRuns must be at least 1");
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
        return new SyncSettings(heartbeat, newLease, pendingTimeout, runTimeout, retention, keepRuns, refreshAhead,
                workspaceMaxRuns, rateWaitMax);
    }

    /** At most {@code runs} runs of one workspace in flight (scheduled dispatch) and running (any run) at once. */
    public SyncSettings withWorkspaceMaxRuns(int runs) {
        return new SyncSettings(heartbeatEvery, lease, pendingTimeout, runTimeout, retention, keepRuns, refreshAhead,
                runs, rateWaitMax);
    }

    /** The longest a run waits for a provider's rate limit at once; a longer wait ends the stream rate_limited. */
    public SyncSettings withRateWaitMax(Duration wait) {
        return new SyncSettings(heartbeatEvery, lease, pendingTimeout, runTimeout, retention, keepRuns, refreshAhead,
                workspaceMaxRuns, wait);
    }

}
