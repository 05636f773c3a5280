package com.amdahl.connections.domain.sync;

/**
 * What writing pulled records did to the store: rows {@code added}, {@code updated} (the payload
 * really changed), {@code deleted}, found {@code unchanged} (nothing written), {@code skipped} (too
 * large to store), deletes a reconciliation found but {@code deletesHeld} back (more than the
 * mass-delete guard allows in one pass), and records {@code suppressed} (they hold a subject
 * erased from the workspace). {@link #written()} is what a run reports as {@code records_written}.
 */
public record RecordCounts(long added, long updated, long deleted, long unchanged, long skipped, long deletesHeld,
        long suppressed) {
    public static final RecordCounts NONE = new RecordCounts(0, 0, 0, 0, 0, 0, 0);

    public RecordCounts {
        if (added < 0 || updated < 0 || deleted < 0 || unchanged < 0 || skipped < 0 || deletesHeld < 0
                || suppressed < 0) {
            throw new IllegalArgumentException("record counts must not be negative");
        }
    }

    public RecordCounts(long added, long updated, long deleted, long unchanged, long skipped) {
        this(added, updated, deleted, unchanged, skipped, 0, 0);
    }

    /** Rows a reconciliation marked deleted, and deletes it held back. */
    public static RecordCounts reconciled(long deleted, long held) {
        return new RecordCounts(0, 0, deleted, 0, 0, held, 0);
    }

    /** The same counts with {@code more} records suppressed. */
    public RecordCounts withSuppressed(long more) {
        return new RecordCounts(added, updated, deleted, unchanged, skipped, deletesHeld, suppressed + more);
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
                unchanged + other.unchanged, skipped + other.skipped, deletesHeld + other.deletesHeld,
                suppressed + other.suppressed);
    }
}
