package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.sync.RunResult;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Outcomes a worker could not record because the database was away. The worker knows its run is
 * over, so it records the outcome as soon as the database answers again (retrying on the engine's
 * timer, backing off to {@link #MAX_WAIT}) instead of leaving the run {@code running} until its
 * lease expires; the lease stays the safety net for a process that died.
 */
final class LateOutcomes {
    private static final Logger LOG = Logger.getLogger(LateOutcomes.class.getName());
    private static final Duration FIRST_WAIT = Duration.ofMillis(250);
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final SyncRunService runs;
    private final EngineThreads timer;

    LateOutcomes(SyncRunService runs, EngineThreads timer) {
        this.runs = runs;
        this.timer = timer;
    }

    static boolean isOutage(RuntimeException e) {
        return e instanceof ConnectionsException c && c.code() == ErrorCode.DATABASE_UNAVAILABLE;
    }

    void recordWhenTheDatabaseReturns(RunRef run, RunResult result) {
        LOG.warning("run " + run.runId() + " ended while the database was unavailable: its outcome is recorded once it returns");
        retryAfter(run, result, FIRST_WAIT);
    }

    private void retryAfter(RunRef run, RunResult result, Duration wait) {
        try {
            timer.schedule().schedule(() -> attempt(run, result, wait), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IllegalStateException | RejectedExecutionException closed) {
            // the engine is closing: the lease reaps the run
        }
    }

    private void attempt(RunRef run, RunResult result, Duration waited) {
        try {
            runs.finish(run.workspaceId(), run.runId(), result);
            LOG.info("run " + run.runId() + ": outcome recorded after the database returned");
        } catch (RuntimeException e) {
            if (isOutage(e)) {
                Duration next = waited.multipliedBy(2);
                retryAfter(run, result, next.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : next);
            }
            // otherwise it was reaped or finished meanwhile: nothing left to record
        }
    }
}
