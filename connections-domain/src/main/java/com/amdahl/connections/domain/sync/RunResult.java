package com.amdahl.connections.domain.sync;

import java.util.List;
import java.util.Objects;

/**
 * What a worker reports when a run ends. A run fails when it failed outright or every stream
 * failed; a run where only some streams failed completes, degraded, with no error reason.
 */
public record RunResult(boolean failed, int streamsTotal, int streamsFailed, long recordsWritten,
        ErrorReason errorReason, String errorMessage) {

    public RunResult {
        if (streamsTotal < 0 || streamsFailed < 0 || streamsFailed > streamsTotal || recordsWritten < 0) {
            throw new IllegalArgumentException("inconsistent run counters");
        }
        if (failed) {
            Objects.requireNonNull(errorReason, "a failed run needs an error reason");
        } else if (errorReason != null) {
            throw new IllegalArgumentException("a run that did not fail has no error reason");
        }
    }

    /** Rolls per-stream outcomes up into the run's result. */
    public static RunResult of(List<StreamOutcome> outcomes) {
        int failedStreams = 0;
        long records = 0;
        ErrorReason worst = null;
        StringBuilder failures = new StringBuilder();
        for (StreamOutcome outcome : outcomes) {
            records += outcome.recordsWritten();
            if (outcome.isFailure()) {
                failedStreams++;
                worst = ErrorReason.worst(worst, outcome.failure());
                failures.append(failures.length() == 0 ? "" : "; ").append(outcome.stream()).append(": ")
                        .append(outcome.failureMessage() == null ? outcome.failure().wire() : outcome.failureMessage());
            }
        }
        boolean allFailed = !outcomes.isEmpty() && failedStreams == outcomes.size();
        String message = failedStreams == 0 ? null
                : failedStreams + " of " + outcomes.size() + " streams failed (" + failures + ")";
        return new RunResult(allFailed, outcomes.size(), failedStreams, records, allFailed ? worst : null, message);
    }

    /** A run that failed before or outside its streams (credentials, configuration, a lost worker). */
    public static RunResult failedOutright(ErrorReason reason, String message) {
        return new RunResult(true, 0, 0, 0, reason, message);
    }
}
