package com.amdahl.connections.domain.sync;

import java.util.Objects;

/** What one stream of a run did: records written, or the reason it failed. */
public record StreamOutcome(String stream, long recordsWritten, ErrorReason failure, String failureMessage) {
    public StreamOutcome {
        Objects.requireNonNull(stream, "stream");
        if (recordsWritten < 0) {
            throw new IllegalArgumentException("recordsWritten must not be negative");
        }
    }

    public static StreamOutcome succeeded(String stream, long recordsWritten) {
        return new StreamOutcome(stream, recordsWritten, null, null);
    }

    public static StreamOutcome failed(String stream, long recordsWritten, ErrorReason reason, String message) {
        return new StreamOutcome(stream, recordsWritten, Objects.requireNonNull(reason, "reason"), message);
    }

    public boolean isFailure() {
        return failure != null;
    }
}
