package com.amdahl.connections.domain.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * The facts about a connection's most recent finished run that health is derived from: with the
 * deletes its reconciliation held back for an admin to confirm, and {@code notBefore}, when set,
 * when the provider's rate limit resets after the run was refused for longer than a run waits (a
 * daily quota): the scheduler leaves the connection alone until then.
 */
public record RunOutcome(boolean failed, int streamsFailed, ErrorReason errorReason, Instant finishedAt,
        long deletesHeld, Instant notBefore) {

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
        this(failed, streamsFailed, errorReason, finishedAt, 0, null);
    }

    public RunOutcome(boolean failed, int streamsFailed, ErrorReason errorReason, Instant finishedAt, long deletesHeld) {
        this(failed, streamsFailed, errorReason, finishedAt, deletesHeld, null);
    }

    public RunOutcome(boolean failed, int streamsFailed, ErrorReason errorReason, Instant finishedAt, Instant notBefore) {
        this(failed, streamsFailed, errorReason, finishedAt, 0, notBefore);
    }

    /** The outcome of a finished run whose provider asked for no request before {@code notBefore} (may be null). */
    public static RunOutcome of(SyncRun finished, Instant notBefore) {
        RunOutcome outcome = of(finished);
        return new RunOutcome(outcome.failed, outcome.streamsFailed, outcome.errorReason, outcome.finishedAt,
                outcome.deletesHeld, notBefore);
    }

    /** Whether the provider's rate limit still holds the connection at {@code now}. */
    public boolean heldAt(Instant now) {
        return notBefore != null && notBefore.isAfter(now);
    }

    public static RunOutcome of(SyncRun finished) {
        if (finished.status() != SyncRunStatus.COMPLETED && finished.status() != SyncRunStatus.FAILED) {
            throw new IllegalArgumentException("only completed or failed runs have an outcome");
        }
        return new RunOutcome(finished.status() == SyncRunStatus.FAILED, finished.streamsFailed(),
                finished.errorReason(), finished.finishedAt(), finished.records().deletesHeld(), null);
    }

    /** Completed, but some streams failed or deletes wait for an admin. */
    public boolean degraded() {
        return !failed && (streamsFailed > 0 || deletesHeld > 0);
    }
}
