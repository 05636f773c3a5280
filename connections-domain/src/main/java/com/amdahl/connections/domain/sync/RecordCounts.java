package com.amdahl.connections.domain.sync;

/**
 * What writing pulled records did to the store: rows {@code added}, {@code updated} (the payload
 * really changed), {@code deleted}, found {@code unchanged} (nothing written), and {@code skipped}
 * (too large to store). {@link #written()} is what a run reports as {@code records_written}.
 */
public record RecordCounts(long added, long updated, long deleted, long unchanged, long skipped) {
    public static final RecordCounts NONE = new RecordCounts(0, 0, 0, 0, 0);

    public RecordCounts {
        if (added < 0 || updated < 0 || deleted < 0 || unchanged < 0 || skipped < 0) {
            throw new IllegalArgumentException("record counts must not be negative");
        }
    }

    /** Rows written with no finer account of them (a sink that only counts): reported as added. */
    public static RecordCounts written(long rows) {
        return new RecordCounts(rows, 0, 0, 0, 0);
    }

    /** The rows actually written: added + updated + deleted. */
    public long written() {
        return added + updated + deleted;
    }

    public RecordCounts plus(RecordCounts other) {
        return new RecordCounts(added + other.added, updated + other.updated, deleted + other.deleted,
                unchanged + other.unchanged, skipped + other.skipped);
    }
}
