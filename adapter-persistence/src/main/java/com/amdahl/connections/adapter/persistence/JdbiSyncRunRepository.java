package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.SyncRunRepository;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.Update;

/** Sync runs in the {@code sync_runs} table. */
final class JdbiSyncRunRepository implements SyncRunRepository {
    private final Database db;

    JdbiSyncRunRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(SyncRun run) {
        db.withHandle(handle -> {
            bind(handle.createUpdate("INSERT INTO sync_runs (" + Rows.RUN_FIELDS + ") VALUES"
                    + " (:id, :workspace_id, :connection_id, :status, :triggered_by, :started_at, :finished_at,"
                    + " :heartbeat_at, :streams_total, :streams_failed, :records_written, :records_added,"
                    + " :records_updated, :records_deleted, :records_unchanged, :records_skipped,"
                    + " :records_deletes_held, :records_suppressed, :error_reason, :error_message)"),
                    run).bind("started_at", Sql.ts(run.startedAt())).bind("triggered_by", run.triggeredBy().wire())
                    .execute();
            db.changed(handle, run.workspaceId().value());
            return null;
        });
    }

    @Override
    public void update(SyncRun run) {
        int rows = db.withHandle(handle -> {
            int updated = bind(handle.createUpdate("UPDATE sync_runs SET status = :status,"
                    + " finished_at = :finished_at, heartbeat_at = :heartbeat_at, streams_total = :streams_total,"
                    + " streams_failed = :streams_failed, records_written = :records_written,"
                    + " records_added = :records_added, records_updated = :records_updated,"
                    + " records_deleted = :records_deleted, records_unchanged = :records_unchanged,"
                    + " records_skipped = :records_skipped, records_deletes_held = :records_deletes_held,"
                    + " records_suppressed = :records_suppressed,"
                    + " error_reason = :error_reason, error_message = :error_message"
                    + " WHERE id = :id AND workspace_id = :workspace_id AND connection_id = :connection_id"), run)
                    .execute();
            db.changed(handle, run.workspaceId().value());
            return updated;
        });
        if (rows == 0) {
            throw new IllegalStateException("no stored run " + run.id() + " to update");
        }
    }

    @Override
    public Optional<SyncRun> find(WorkspaceId workspaceId, RunId id) {
        return db.withHandle(handle -> handle.createQuery("SELECT " + Rows.RUN_FIELDS
                        + " FROM sync_runs WHERE workspace_id = :workspace_id AND id = :id")
                .bind("workspace_id", workspaceId.value())
                .bind("id", id.value())
                .map((rs, ctx) -> Rows.run(rs, ""))
                .findOne());
    }

    @Override
    public List<SyncRun> listRecent(WorkspaceId workspaceId, ConnectionId connectionId, int limit) {
        if (limit < 1) {
            return List.of();
        }
        return db.withHandle(handle -> handle.createQuery("SELECT " + Rows.RUN_FIELDS + " FROM sync_runs"
                        + " WHERE workspace_id = :workspace_id AND connection_id = :connection_id"
                        + " ORDER BY started_at DESC, id DESC LIMIT :limit")
                .bind("workspace_id", workspaceId.value())
                .bind("connection_id", connectionId.value())
                .bind("limit", limit)
                .map((rs, ctx) -> Rows.run(rs, ""))
                .list());
    }

    private static Update bind(Update update, SyncRun run) {
        return update
                .bind("id", run.id().value())
                .bind("workspace_id", run.workspaceId().value())
                .bind("connection_id", run.connectionId().value())
                .bind("status", run.status().wire())
                .bind("finished_at", Sql.ts(run.finishedAt()))
                .bind("heartbeat_at", Sql.ts(run.heartbeatAt()))
                .bind("streams_total", run.streamsTotal())
                .bind("streams_failed", run.streamsFailed())
                .bind("records_written", run.recordsWritten())
                .bind("records_added", run.records().added())
                .bind("records_updated", run.records().updated())
                .bind("records_deleted", run.records().deleted())
                .bind("records_unchanged", run.records().unchanged())
                .bind("records_skipped", run.records().skipped())
                .bind("records_deletes_held", run.records().deletesHeld())
                .bind("records_suppressed", run.records().suppressed())
                .bind("error_reason", Rows.wireOf(run.errorReason()))
                .bind("error_message", run.errorMessage());
    }
}
