package com.amdahl.connections.domain.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * The facts about a connection's most recent finished run that health is derived from, with the
 * deletes its reconciliation held back for an admin to confirm.
 */
public record RunOutcome(boolean failed, int streamsFailed, ErrorReason errorReason, Instant finishedAt,
        long deletesHeld) {
    public RunOutcome {
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (failed) {
            Objects.requireNonNull(errorReason, "errorReason");
        }
        if (deletesHeld < 0) {
            throw new IllegalArgumentException("deletesHeld must not be negative");
        }
    }

    public RunOutcome(boolean failed, int streamsFailed, ErrorReason errorReason, Instant finishedAt) {
        this(failed, streamsFailed, errorReason, finishedAt, 0);
    }

    public static RunOutcome of(SyncRun finished) {
        if (finished.status() != SyncRunStatus.COMPLETED && finished.status() != SyncRunStatus.FAILED) {
            throw new IllegalArgumentException("only completed or failed runs have an outcome");
        }
        return new RunOutcome(finished.status() == SyncRunStatus.FAILED, finished.streamsFailed(),
                finished.errorReason(), finished.finishedAt(), finished.records().deletesHeld());
    }

    /** Completed, but some streams failed or deletes wait for an admin. */
    public boolean degraded() {
        return !failed && (streamsFailed > 0 || deletesHeld > 0);
    }
}
