package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.sync.DataSubject;
import com.amdahl.connections.domain.sync.RecordCounts;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jdbi.v3.core.argument.Argument;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The default record sink: the {@code synced_records} table, keyed by (connection, stream,
 * external id), with change facts. Each page is one transaction that compares content hashes: a
 * record whose payload (and parent) did not change writes nothing, and a page with nothing new
 * takes no lock at all. Otherwise the transaction takes the connection's {@code record_positions}
 * row lock, compares again, and new and changed records take the next positions of the
 * connection's change order. Because the lock is held to commit, positions are handed out in
 * commit order, which is what lets a feed reader page by position without ever skipping a change.
 * A record larger than the bound is skipped and counted, never stored truncated.
 */
final class JdbiRecordSink implements RecordSink {
    /** The default bound on one record's payload: 16 MiB of UTF-8. */
    static final long DEFAULT_MAX_RECORD_BYTES = 16L * 1024 * 1024;

    private static final String INSERT = "INSERT INTO synced_records (workspace_id, connection_id, stream, external_id,"
            + " parent_external_id, payload, synced_at, content_hash, first_seen_at, last_modified_at, last_action,"
            + " deleted_at, change_seq) VALUES (:workspace_id, :connection_id, :stream, :external_id,"
            + " :parent_external_id, :payload, :now, :content_hash, :now, :now, 'added', NULL, :change_seq)";
    private static final String UPDATE = "UPDATE synced_records SET parent_external_id = :parent_external_id,"
            + " payload = :payload, synced_at = :now, content_hash = :content_hash, last_modified_at = :now,"
            + " last_action = 'updated', deleted_at = NULL, change_seq = :change_seq"
            + " WHERE connection_id = :connection_id AND stream = :stream AND external_id = :external_id";

    private static final String DELETE = "UPDATE synced_records SET synced_at = :now, last_modified_at = :now,"
            + " last_action = 'deleted', deleted_at = :deleted_at, change_seq = :change_seq"
            + " WHERE connection_id = :connection_id AND stream = :stream AND external_id = :external_id";

    private final Database db;
    private final Clock clock;
    private final long maxRecordBytes;

    JdbiRecordSink(Database db, Clock clock, long maxRecordBytes) {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("the record size bound must be positive");
        }
        this.db = db;
        this.clock = clock;
        this.maxRecordBytes = maxRecordBytes;
    }

    private record Incoming(SyncedRecord record, String hash) {
    }

    private record Stored(String hash, String parentId, boolean deleted) {
    }

    @Override
    public RecordCounts write(WorkspaceId workspaceId, ConnectionId connectionId, String stream, List<SyncedRecord> records) {
        if (records.isEmpty()) {
            return RecordCounts.NONE;
        }
        long skipped = 0;
        long repeated = 0;
        Map<String, Incoming> page = new LinkedHashMap<>(); // one row per id: the page's last word on it
        for (SyncedRecord record : records) {
            byte[] payload = record.payloadJson().getBytes(StandardCharsets.UTF_8);
            if (payload.length > maxRecordBytes) {
                skipped++;
                continue;
            }
            if (page.put(record.externalId(), new Incoming(record, sha256(payload))) != null) {
                repeated++;
            }
        }
        long skippedRecords = skipped;
        long repeatedRecords = repeated;
        if (page.isEmpty()) {
            return new RecordCounts(0, 0, 0, repeatedRecords, skippedRecords);
        }
        Argument now = Sql.ts(clock.instant());
        return db.inOwnOrCurrentTransaction(handle -> {
            List<Incoming> added = new ArrayList<>();
            List<Incoming> updated = new ArrayList<>();
            // A look without the lock first: a page with nothing new takes no lock and writes nothing
            // (on H2 a row lock is a write, and every commit with a write reaches the disk).
            classify(stored(handle, connectionId, stream, page.keySet()), page, added, updated);
            if (added.isEmpty() && updated.isEmpty()) {
                return new RecordCounts(0, 0, 0, page.size() + repeatedRecords, skippedRecords);
            }
            long lastSeq = RecordPositions.lock(handle, workspaceId, connectionId);
            added.clear();
            updated.clear(); // again under the lock: another writer of this connection may have committed meanwhile
            classify(stored(handle, connectionId, stream, page.keySet()), page, added, updated);
            long unchanged = page.size() - added.size() - updated.size() + repeatedRecords;
            // Read under the lock an erasure takes too: a page committed after an erasure cannot store its subject.
            long suppressed = suppress(RecordSuppressions.of(handle, workspaceId), added, updated);
            int changes = added.size() + updated.size();
            if (changes > 0) {
                long next = RecordPositions.take(handle, connectionId, lastSeq, changes);
                next = run(handle.prepareBatch(INSERT), added, workspaceId, connectionId, stream, now, next);
                run(handle.prepareBatch(UPDATE), updated, workspaceId, connectionId, stream, now, next);
            }
            return new RecordCounts(added.size(), updated.size(), 0, unchanged, skippedRecords).withSuppressed(suppressed);
        });
    }

    /**
     * Marks the page's stored, live records deleted: the same look-then-lock as {@link #write}, each
     * delete taking the next position; the payload stays until retention purges it.
     */
    @Override
    public RecordCounts delete(WorkspaceId workspaceId, ConnectionId connectionId, String stream,
            List<DeletedRecord> records) {
        if (records.isEmpty()) {
            return RecordCounts.NONE;
        }
        Map<String, DeletedRecord> page = new LinkedHashMap<>();
        records.forEach(record -> page.put(record.externalId(), record));
        Argument now = Sql.ts(clock.instant());
        return db.inOwnOrCurrentTransaction(handle -> {
            if (live(stored(handle, connectionId, stream, page.keySet())).isEmpty()) {
                return new RecordCounts(0, 0, 0, records.size(), 0);
            }
            long lastSeq = RecordPositions.lock(handle, workspaceId, connectionId);
            List<String> live = live(stored(handle, connectionId, stream, page.keySet()));
            if (!live.isEmpty()) {
                long next = RecordPositions.take(handle, connectionId, lastSeq, live.size());
                PreparedBatch batch = handle.prepareBatch(DELETE);
                for (String id : live) {
                    Instant at = page.get(id).deletedAt();
                    batch.bind("connection_id", connectionId.value()).bind("stream", stream).bind("external_id", id)
                            .bind("now", now).bind("deleted_at", at == null ? now : Sql.ts(at))
                            .bind("change_seq", next++).add();
                }
                batch.execute();
            }
            return new RecordCounts(0, 0, live.size(), records.size() - live.size(), 0);
        });
    }

    /** Leaves out the records that hold an erased subject; answers how many. */
    private static long suppress(java.util.Set<String> subjects, List<Incoming> added, List<Incoming> updated) {
        if (subjects.isEmpty()) {
            return 0;
        }
        java.util.function.Predicate<Incoming> holds = incoming -> DataSubject.hashesIn(incoming.record().payloadJson())
                .stream().anyMatch(subjects::contains);
        long before = added.size() + updated.size();
        added.removeIf(holds);
        updated.removeIf(holds);
        return before - added.size() - updated.size();
    }

    private static List<String> live(Map<String, Stored> stored) {
        List<String> live = new ArrayList<>();
        stored.forEach((id, facts) -> {
            if (!facts.deleted()) {
                live.add(id);
            }
        });
        return live;
    }

    private static void classify(Map<String, Stored> stored, Map<String, Incoming> page, List<Incoming> added,
            List<Incoming> updated) {
        for (Incoming incoming : page.values()) {
            Stored before = stored.get(incoming.record().externalId());
            if (before == null) {
                added.add(incoming);
            } else if (before.deleted() || !incoming.hash().equals(before.hash())
                    || !Objects.equals(before.parentId(), incoming.record().parentId())) {
                updated.add(incoming);
            }
        }
    }

    /**
     * The stored facts of the page's ids: one index probe each. (An {@code external_id IN (...)}
     * made H2 walk every row of the stream, which grew each page's cost with the stream; a join
     * on a VALUES list probes the unique key on H2 and PostgreSQL alike.)
     */
    private static Map<String, Stored> stored(Handle handle, ConnectionId connectionId, String stream,
            java.util.Collection<String> page) {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < page.size(); i++) {
            ids.append(i == 0 ? "" : ", ").append("(CAST(:id").append(i).append(" AS VARCHAR(255)))");
        }
        var query = handle.createQuery("SELECT r.external_id, r.content_hash, r.parent_external_id, r.deleted_at"
                        + " FROM (VALUES " + ids + ") AS page_ids(id) JOIN synced_records r ON r.external_id = page_ids.id"
                        + " WHERE r.connection_id = :connection_id AND r.stream = :stream")
                .bind("connection_id", connectionId.value()).bind("stream", stream);
        int i = 0;
        for (String id : page) {
            query.bind("id" + i++, id);
        }
        Map<String, Stored> stored = new LinkedHashMap<>();
        query.map((rs, ctx) -> Map.entry(rs.getString("external_id"), new Stored(rs.getString("content_hash"),
                        rs.getString("parent_external_id"), rs.getTimestamp("deleted_at") != null)))
                .forEach(row -> stored.put(row.getKey(), row.getValue()));
        return stored;
    }

    /** Writes the rows with consecutive positions from {@code next}; returns the next free position. */
    private static long run(PreparedBatch batch, List<Incoming> rows, WorkspaceId workspaceId, ConnectionId connectionId,
            String stream, Argument now, long next) {
        if (rows.isEmpty()) {
            return next;
        }
        for (Incoming incoming : rows) {
            batch.bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                    .bind("stream", stream).bind("external_id", incoming.record().externalId())
                    .bind("parent_external_id", incoming.record().parentId())
                    .bind("payload", incoming.record().payloadJson()).bind("content_hash", incoming.hash())
                    .bind("now", now).bind("change_seq", next++).add();
        }
        batch.execute();
        return next;
    }

    private static String sha256(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }
}
