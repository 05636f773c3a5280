package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The default record sink: the {@code synced_records} table, upserted by (connection, stream,
 * external id) in one batch per page; a child stream's record keeps its parent's id. PostgreSQL takes {@code ON CONFLICT}, H2 its {@code MERGE ... KEY}.
 */
final class JdbiRecordSink implements RecordSink {
    private static final String POSTGRES = "INSERT INTO synced_records (workspace_id, connection_id, stream, external_id,"
            + " parent_external_id, payload, synced_at) VALUES (:workspace_id, :connection_id, :stream, :external_id,"
            + " :parent_external_id, :payload, :synced_at) ON CONFLICT (connection_id, stream, external_id) DO UPDATE"
            + " SET payload = EXCLUDED.payload, parent_external_id = EXCLUDED.parent_external_id,"
            + " synced_at = EXCLUDED.synced_at";
    private static final String H2 = "MERGE INTO synced_records (workspace_id, connection_id, stream, external_id,"
            + " parent_external_id, payload, synced_at) KEY (connection_id, stream, external_id) VALUES (:workspace_id,"
            + " :connection_id, :stream, :external_id, :parent_external_id, :payload, :synced_at)";

    private final Database db;
    private final Clock clock;

    JdbiRecordSink(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public int write(WorkspaceId workspaceId, ConnectionId connectionId, String stream, List<SyncedRecord> records) {
        if (records.isEmpty()) {
            return 0;
        }
        var now = Sql.ts(clock.instant());
        return db.inOwnOrCurrentTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch(isPostgres(handle) ? POSTGRES : H2);
            for (SyncedRecord record : records) {
                batch.bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                        .bind("stream", stream).bind("external_id", record.externalId())
                        .bind("parent_external_id", record.parentId())
                        .bind("payload", record.payloadJson()).bind("synced_at", now).add();
            }
            batch.execute();
            return records.size();
        });
    }

    static boolean isPostgres(Handle handle) {
        try {
            return handle.getConnection().getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell the database product", e);
        }
    }
}
