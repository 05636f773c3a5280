package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.RecordReconciliations;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Delete detection's memory: {@code record_reconciliations} (one row per reconciled stream) and
 * {@code record_absences} (the live ids its last complete pass did not list). Live ids are read on
 * the unique key (connection, stream, external id); every query is filtered by workspace.
 */
final class JdbiRecordReconciliations implements RecordReconciliations {
    private final Database db;

    JdbiRecordReconciliations(Database db) {
        this.db = db;
    }

    @Override
    public long eachLiveId(WorkspaceId workspaceId, ConnectionId connectionId, String stream, Consumer<String> each) {
        return db.withHandle(handle -> {
            long[] count = {0};
            handle.createQuery("SELECT external_id FROM synced_records WHERE workspace_id = :workspace_id"
                            + " AND connection_id = :connection_id AND stream = :stream AND deleted_at IS NULL")
                    .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                    .bind("stream", stream).setFetchSize(1000).mapTo(String.class).forEach(id -> {
                        count[0]++;
                        each.accept(id);
                    });
            return count[0];
        });
    }

    @Override
    public Map<String, String> livePayloads(WorkspaceId workspaceId, ConnectionId connectionId, String stream,
            Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return db.withHandle(handle -> {
            Map<String, String> payloads = new HashMap<>();
            handle.createQuery("SELECT external_id, payload FROM synced_records WHERE workspace_id = :workspace_id"
                            + " AND connection_id = :connection_id AND stream = :stream AND external_id IN (<ids>)"
                            + " AND deleted_at IS NULL")
                    .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                    .bind("stream", stream).bindList("ids", List.copyOf(ids))
                    .map((rs, ctx) -> Map.entry(rs.getString("external_id"), String.valueOf(rs.getString("payload"))))
                    .forEach(e -> payloads.put(e.getKey(), e.getValue()));
            return payloads;
        });
    }

    @Override
    public State state(WorkspaceId workspaceId, ConnectionId connectionId, String stream) {
        return db.withHandle(handle -> handle.createQuery("SELECT deletes_held, confirmed, last_full_pass_at"
                        + " FROM record_reconciliations WHERE workspace_id = :workspace_id"
                        + " AND connection_id = :connection_id AND stream = :stream")
                .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                .bind("stream", stream)
                .map((rs, ctx) -> new State(missing(handle, workspaceId, connectionId, stream), rs.getLong("deletes_held"),
                        rs.getBoolean("confirmed"), Sql.instant(rs, "last_full_pass_at")))
                .findOne().orElse(State.NONE));
    }

    private static Set<String> missing(Handle handle, WorkspaceId workspaceId, ConnectionId connectionId, String stream) {
        Set<String> ids = new HashSet<>();
        handle.createQuery("SELECT external_id FROM record_absences WHERE workspace_id = :workspace_id"
                        + " AND connection_id = :connection_id AND stream = :stream")
                .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                .bind("stream", stream).mapTo(String.class).forEach(ids::add);
        return ids;
    }

    @Override
    public void save(WorkspaceId workspaceId, ConnectionId connectionId, String stream, Set<String> missing,
            long deletesHeld, Instant lastFullPassAt) {
        db.inOwnOrCurrentTransaction(handle -> {
            int updated = handle.createUpdate("UPDATE record_reconciliations SET deletes_held = :held, confirmed = FALSE,"
                            + " last_full_pass_at = :at WHERE workspace_id = :workspace_id"
                            + " AND connection_id = :connection_id AND stream = :stream")
                    .bind("held", deletesHeld).bind("at", Sql.ts(lastFullPassAt)).bind("workspace_id", workspaceId.value())
                    .bind("connection_id", connectionId.value()).bind("stream", stream).execute();
            if (updated == 0) { // one run per connection at a time: nobody else creates this row meanwhile
                handle.createUpdate("INSERT INTO record_reconciliations (workspace_id, connection_id, stream,"
                                + " last_full_pass_at, deletes_held, confirmed) VALUES (:workspace_id, :connection_id,"
                                + " :stream, :at, :held, FALSE)")
                        .bind("held", deletesHeld).bind("at", Sql.ts(lastFullPassAt))
                        .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                        .bind("stream", stream).execute();
            }
            handle.createUpdate("DELETE FROM record_absences WHERE workspace_id = :workspace_id"
                            + " AND connection_id = :connection_id AND stream = :stream")
                    .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                    .bind("stream", stream).execute();
            if (!missing.isEmpty()) {
                PreparedBatch batch = handle.prepareBatch("INSERT INTO record_absences (workspace_id, connection_id,"
                        + " stream, external_id) VALUES (:workspace_id, :connection_id, :stream, :external_id)");
                for (String id : missing) {
                    batch.bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                            .bind("stream", stream).bind("external_id", id).add();
                }
                batch.execute();
            }
            return null;
        });
    }

    @Override
    public int confirmHeld(WorkspaceId workspaceId, ConnectionId connectionId) {
        return db.inOwnOrCurrentTransaction(handle -> handle.createUpdate("UPDATE record_reconciliations"
                        + " SET confirmed = TRUE WHERE workspace_id = :workspace_id AND connection_id = :connection_id"
                        + " AND deletes_held > 0")
                .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value()).execute());
    }
}
