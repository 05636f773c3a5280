package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.RecordPurges;
import com.amdahl.connections.domain.sync.DataSubject;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Retention, purge and erasure over {@code synced_records}. Retention reads
 * {@code ix_synced_records_deleted}; purge and erasure take the connection's position lock, as
 * writers do, so neither races a sync page.
 */
final class JdbiRecordPurges implements RecordPurges {
    private static final String KEY = " WHERE connection_id = :connection_id AND stream = :stream AND external_id = :external_id";

    private final Database db;

    JdbiRecordPurges(Database db) {
        this.db = db;
    }

    private record Key(String connectionId, String stream, String externalId) {
    }

    @Override
    public int purgeDeletedPayloads(Instant deletedBefore, int limit) {
        return db.inOwnOrCurrentTransaction(handle -> {
            List<Key> due = handle.createQuery("SELECT connection_id, stream, external_id FROM synced_records"
                            + " WHERE deleted_at < :before AND payload IS NOT NULL ORDER BY deleted_at LIMIT :limit")
                    .bind("before", Sql.ts(deletedBefore)).bind("limit", limit)
                    .map((rs, ctx) -> new Key(rs.getString(1), rs.getString(2), rs.getString(3))).list();
            if (due.isEmpty()) {
                return 0;
            }
            PreparedBatch batch = handle.prepareBatch("UPDATE synced_records SET payload = NULL, content_hash = NULL,"
                    + " purged_reason = 'retention'" + KEY + " AND deleted_at IS NOT NULL");
            for (Key key : due) {
                batch.bind("connection_id", key.connectionId()).bind("stream", key.stream())
                        .bind("external_id", key.externalId()).add();
            }
            batch.execute();
            return due.size();
        });
    }

    @Override
    public long purgeConnection(WorkspaceId workspaceId, ConnectionId connectionId) {
        return db.inOwnOrCurrentTransaction(handle -> {
            RecordPositions.lock(handle, workspaceId, connectionId);
            for (String table : new String[] {"record_absences", "record_reconciliations"}) {
                handle.createUpdate("DELETE FROM " + table + " WHERE workspace_id = :workspace_id"
                                + " AND connection_id = :connection_id")
                        .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value()).execute();
            }
            return (long) handle.createUpdate("DELETE FROM synced_records WHERE workspace_id = :workspace_id"
                            + " AND connection_id = :connection_id")
                    .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value()).execute();
        });
    }

    @Override
    public List<Erased> erase(WorkspaceId workspaceId, DataSubject subject, Instant now) {
        db.inOwnOrCurrentTransaction(handle -> {
            RecordSuppressions.add(handle, workspaceId, subject, now);
            return null;
        });
        String pattern = "%" + subject.address().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        List<String> connections = db.withHandle(handle -> handle.createQuery("SELECT DISTINCT connection_id"
                        + " FROM synced_records WHERE workspace_id = :workspace_id AND payload IS NOT NULL"
                        + " AND LOWER(payload) LIKE :pattern ESCAPE '!' ORDER BY connection_id")
                .bind("workspace_id", workspaceId.value()).bind("pattern", pattern).mapTo(String.class).list());
        List<Erased> erased = new ArrayList<>();
        for (String connection : connections) {
            erased.addAll(eraseIn(workspaceId, new ConnectionId(connection), subject, pattern, now));
        }
        return erased;
    }

    /**
     * One connection, under its position lock: the LIKE finds candidates, the subject's own rule
     * keeps only whole-address matches ({@code ann@acme.com}, not {@code joann@acme.com}).
     */
    private List<Erased> eraseIn(WorkspaceId workspaceId, ConnectionId connectionId, DataSubject subject, String pattern,
            Instant now) {
        return db.inOwnOrCurrentTransaction(handle -> {
            long lastSeq = RecordPositions.lock(handle, workspaceId, connectionId);
            List<Key> holding = new ArrayList<>();
            handle.createQuery("SELECT stream, external_id, payload FROM synced_records WHERE workspace_id = :workspace_id"
                            + " AND connection_id = :connection_id AND payload IS NOT NULL"
                            + " AND LOWER(payload) LIKE :pattern ESCAPE '!' ORDER BY stream, external_id")
                    .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                    .bind("pattern", pattern).setFetchSize(100)
                    .map((rs, ctx) -> subject.foundIn(rs.getString(3))
                            ? new Key(connectionId.value(), rs.getString(1), rs.getString(2)) : null)
                    .forEach(key -> {
                        if (key != null) {
                            holding.add(key);
                        }
                    });
            if (holding.isEmpty()) {
                return List.of();
            }
            long next = RecordPositions.take(handle, connectionId, lastSeq, holding.size());
            Argument at = Sql.ts(now);
            PreparedBatch batch = handle.prepareBatch("UPDATE synced_records SET payload = NULL, content_hash = NULL,"
                    + " purged_reason = 'erasure', last_action = 'deleted', deleted_at = COALESCE(deleted_at, :now),"
                    + " last_modified_at = :now, synced_at = :now, change_seq = :change_seq" + KEY
                    + " AND workspace_id = :workspace_id");
            Map<String, Long> perStream = new TreeMap<>();
            for (Key key : holding) {
                batch.bind("connection_id", key.connectionId()).bind("stream", key.stream())
                        .bind("external_id", key.externalId()).bind("now", at).bind("change_seq", next++)
                        .bind("workspace_id", workspaceId.value()).add();
                perStream.merge(key.stream(), 1L, Long::sum);
            }
            batch.execute();
            List<Erased> erased = new ArrayList<>();
            perStream.forEach((stream, count) -> erased.add(new Erased(connectionId, stream, count)));
            return erased;
        });
    }
}
