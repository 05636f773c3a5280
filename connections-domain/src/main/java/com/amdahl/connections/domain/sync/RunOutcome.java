package com.amdahl.connections.domain.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * The facts about a connection's most recent finished run that health is derived from;
 * {@code notBefore}, when set, is when the provider's rate limit resets after the run was refused
 * for longer than a run waits (a daily quota): the scheduler leaves the connection alone until then.
 */
public record RunOutcome(boolean failed, int streamsFailed, ErrorReason errorReason, Instant finishedAt,
        Instant notBefore) {

    public RunOutcome(boolean failed, int streamsFailed, ErrorReason errorReason, Instant finishedAt) {
        this(failed, streamsFailed, errorReason, finishedAt, null);
    }

    public RunOutcome {
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (failed) {
            Objects.requireNonNull(errorReason, "errorReason");
        }
    }

    /** The outcome of a finished run whose provider asked for no request before {@code notBefore} (may be null). */
    public static RunOutcome of(SyncRun finished, Instant notBefore) {
        RunOutcome outcome = of(finished);
        return new RunOutcome(outcome.failed, outcome.streamsFailed, outcome.errorReason, outcome.finishedAt, notBefore);
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
                finished.errorReason(), finished.finishedAt());
    }

    public boolean degraded() {
        return !failed && streamsFailed > 0;
    }
}
