package com.amdahl.connections.domain.connection;

import com.amdahl.connections.domain.sync.RunOutcome;
import java.time.Instant;

/**
 * What a connection knows about its runs: the one in flight, the last success, the last outcome,
 * and when a run was last dispatched (the scheduler's clock for cadence).
 */
public record SyncFacts(ActiveRun activeRun, Instant lastSyncedAt, RunOutcome lastOutcome, Instant lastDispatchedAt) {
    public static final SyncFacts NONE = new SyncFacts(null, null, null, null);

    public boolean isSyncing() {
        return activeRun != null && activeRun.running();
    }

    public boolean hasRunInFlight() {
        return activeRun != null;
    }

    /**
     * Fresh credentials: the last outcome predates them, so health stops judging by it (the run
     * itself stays in the history and as {@code last_run}), and the cadence clock restarts: the
     * connection is due at once (a null dispatch time is what the due query's index finds).
     */
    SyncFacts freshlyConnected() {
        return new SyncFacts(activeRun, lastSyncedAt, null, null);
    }

    SyncFacts dispatched(ActiveRun run) {
        return new SyncFacts(run, lastSyncedAt, lastOutcome, run.startedAt());
    }

    SyncFacts withActiveRun(ActiveRun run) {
        return new SyncFacts(run, lastSyncedAt, lastOutcome, lastDispatchedAt);
    }
}
