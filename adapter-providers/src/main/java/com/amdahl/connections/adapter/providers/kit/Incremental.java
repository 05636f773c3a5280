package com.amdahl.connections.adapter.providers.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * An incremental cursor. The next cursor is either the greatest value of a record field seen in
 * the pass ({@link #byRecordField}: updated-at timestamps, ids) or a value of the last page
 * ({@link #fromLastPage}: Gmail {@code historyId}, Graph {@code @odata.deltaLink}). When a stored
 * cursor exists, {@code resume} turns the stream's full-pass definition into the incremental one.
 * The cursor is stored per (connection, stream) only when the stream succeeds; with no record
 * seen the previous cursor is kept.
 *
 * @param recordField dotted path in each record, compared as numbers when both are integers, else as text
 * @param lastPagePath dotted path in the last page's body
 */
public record Incremental(String recordField, String lastPagePath,
        BiFunction<StreamSpec, String, StreamSpec> resume, boolean fromParent) {

    public Incremental {
        if ((recordField == null) == (lastPagePath == null)) {
            throw new IllegalArgumentException("an incremental cursor comes from a record field or from the last page");
        }
    }

    public Incremental(String recordField, String lastPagePath, BiFunction<StreamSpec, String, StreamSpec> resume) {
        this(recordField, lastPagePath, resume, false);
    }

    /**
     * For a child stream: cursor = greatest {@code field} among the <em>parent's</em> records (Gong
     * transcripts follow the calls' {@code started}); {@code resume} usually re-bases the child on a
     * parent that asks for changes since the cursor.
     */
    public static Incremental byParentField(String field, BiFunction<StreamSpec, String, StreamSpec> resume) {
        return new Incremental(field, null, resume, true);
    }

    /** Cursor = greatest {@code field}; a stored cursor is sent as the parameter {@code param}. */
    public static Incremental byRecordField(String field, String param) {
        return new Incremental(field, null, (spec, cursor) -> spec.param(param, cursor));
    }

    /** Cursor = greatest {@code field}; {@code resume} builds the request that asks for changes since it. */
    public static Incremental byRecordField(String field, BiFunction<StreamSpec, String, StreamSpec> resume) {
        return new Incremental(field, null, resume);
    }

    /** Cursor = the value at {@code path} in the last page. */
    public static Incremental fromLastPage(String path, BiFunction<StreamSpec, String, StreamSpec> resume) {
        return new Incremental(null, path, resume);
    }

    /** Tracks the cursor through one pass; children running at once share it. */
    final class Tracker {
        private String cursor;

        Tracker(String stored) {
            this.cursor = stored;
        }

        synchronized void record(JsonNode record) {
            if (recordField != null && !fromParent) {
                Json.textAt(record, recordField).ifPresent(this::offer);
            }
        }

        synchronized void parentRecord(JsonNode record) {
            if (fromParent) {
                Json.textAt(record, recordField).ifPresent(this::offer);
            }
        }

        synchronized void page(JsonNode body) {
            if (lastPagePath != null) {
                Json.textAt(body, lastPagePath).ifPresent(v -> cursor = v);
            }
        }

        private void offer(String value) {
            if (cursor == null || compare(value, cursor) > 0) {
                cursor = value;
            }
        }

        synchronized Optional<String> cursor() {
            return Optional.ofNullable(cursor);
        }
    }

    static int compare(String a, String b) {
        if (a.matches("-?\\d{1,18}") && b.matches("-?\\d{1,18}")) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareTo(b);
    }
}
