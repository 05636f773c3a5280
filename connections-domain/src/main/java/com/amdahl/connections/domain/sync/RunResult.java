package com.amdahl.connections.domain.sync;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a worker reports when a run ends. A run fails when it failed outright or every stream
 * failed; a run where only some streams failed completes, degraded, with no error reason.
 */
public record RunResult(boolean failed, int streamsTotal, int streamsFailed, RecordCounts records,
        ErrorReason errorReason, String errorMessage, Instant retryNotBefore) {

    public RunResult(boolean failed, int streamsTotal, int streamsFailed, RecordCounts records,
            ErrorReason errorReason, String errorMessage) {
        this(failed, streamsTotal, streamsFailed, records, errorReason, errorMessage, null);
    }

    public RunResult {
        Objects.requireNonNull(records, "records");
        if (streamsTotal < 0 || streamsFailed < 0 || streamsFailed > streamsTotal) {
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
        RecordCounts records = RecordCounts.NONE;
        StringBuilder skipped = new StringBuilder();
        StringBuilder held = new StringBuilder();
        ErrorReason worst = null;
        StringBuilder failures = new StringBuilder();
        for (StreamOutcome outcome : outcomes) {
            records = records.plus(outcome.records());
            if (outcome.records().skipped() > 0) {
                skipped.append(skipped.length() == 0 ? "" : ", ").append(outcome.records().skipped()).append(" in ")
                        .append(outcome.stream());
            }
            if (outcome.records().deletesHeld() > 0) {
                held.append(held.length() == 0 ? "" : ", ").append(outcome.records().deletesHeld()).append(" in ")
                        .append(outcome.stream());
            }
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
        if (skipped.length() > 0) { // never silently: the run says which records were left out, and why
            String note = "records too large to store were skipped (" + skipped + ")";
            message = message == null ? note : message + "; " + note;
        }
        if (held.length() > 0) { // a mass delete is never applied silently, nor held silently
            String note = "deletes held (" + held + "): two complete passes no longer list these records, more than"
                    + " the mass-delete guard applies in one pass; an admin applies them with POST"
                    + " /connections/{id}/sync {\"confirm_deletes\": true}, and a pass that lists them again clears them";
            message = message == null ? note : message + "; " + note;
        }
        return new RunResult(allFailed, outcomes.size(), failedStreams, records, allFailed ? worst : null, message);
    }

    public long recordsWritten() {
        return records.written();
    }

    /**
     * This result, with the instant before which the provider's rate limit allows no request
     * (null: none): the connection is not dispatched on its cadence before it.
     */
    public RunResult withRetryNotBefore(Instant notBefore) {
        return new RunResult(failed, streamsTotal, streamsFailed, records, errorReason, errorMessage, notBefore);
    }

    /** A run that failed before or outside its streams (credentials, configuration, a lost worker). */
    public static RunResult failedOutright(ErrorReason reason, String message) {
        return new RunResult(true, 0, 0, RecordCounts.NONE, reason, message);
    }
}
