package com.amdahl.connections.domain.sync;

import java.time.Instant;
import java.util.Objects;

/** The facts about a connection's most recent finished run that health is derived from. */
public record RunOutcome(boolean failed, int streamsFailed, ErrorReason errorReason, Instant finishedAt) {
    public RunOutcome {
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (failed) {
            Objects.requireNonNull(errorReason, "errorReason");
        }
    }

    public static RunOutcome of(SyncRun finished) {
        if (finished.status() != SyncRunStatus.COMPLETED && finished.status() != SyncRunStatus.FAILED) {
            throw new IllegalArgumentException("only completed or failed runs have an outcome");
        }
        return new RunOutcome(finished.status() == SyncRunStatus.FAILED, finished.streamsFailed(),
                finished.errorReason(), finished.finishedAt());
    }

    public boolean degraded() {
        return !failed && streamsFailed > 0;
    }
}
