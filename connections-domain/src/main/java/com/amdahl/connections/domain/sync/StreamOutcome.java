package com.amdahl.connections.domain.sync;

import java.util.Objects;

/** What one stream of a run did: what its records did to the store, or the reason it failed. */
public record StreamOutcome(String stream, RecordCounts records, ErrorReason failure, String failureMessage) {
    public StreamOutcome {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(records, "records");
    }

    public static StreamOutcome succeeded(String stream, long recordsWritten) {
        return new StreamOutcome(stream, RecordCounts.written(recordsWritten), null, null);
    }

    public static StreamOutcome failed(String stream, long recordsWritten, ErrorReason reason, String message) {
        return new StreamOutcome(stream, RecordCounts.written(recordsWritten), Objects.requireNonNull(reason, "reason"),
                message);
    }

    /** The same outcome with the store's own account of the stream's records. */
    public StreamOutcome withRecords(RecordCounts counted) {
        return new StreamOutcome(stream, counted, failure, failureMessage);
    }

    /** The same failure, explained by {@code message}. */
    public StreamOutcome explained(String message) {
        return new StreamOutcome(stream, records, failure, message);
    }

    public long recordsWritten() {
        return records.written();
    }

    public boolean isFailure() {
        return failure != null;
    }
}
