package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.NotificationDelivery;
import com.amdahl.connections.application.port.out.NotificationDelivery.State;
import com.amdahl.connections.application.port.out.NotificationOutbox;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.notification.NotificationEndpointId;
import com.amdahl.connections.domain.notification.NotificationType;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code notification_outbox}. A claim is two steps that work alike on H2 and PostgreSQL: read the
 * due heads of their endpoint+connection queues, then take each with a conditional update (still
 * pending, lease free), committed at once; a row another worker took meanwhile updates nothing and
 * is skipped. {@code seq} (an identity) orders each queue: writes to one connection are serialized
 * by its version, so its notifications get increasing seqs in commit order.
 */
final class JdbiNotificationOutbox implements NotificationOutbox {
    private static final String COLUMNS = "o.id, o.event_id, o.workspace_id, o.endpoint_id, o.connection_id, o.type,"
            + " o.body, o.state, o.attempts, o.next_attempt_at, o.last_status_code, o.last_error, o.created_at,"
            + " o.finished_at";
    /** No connection: the ordering key of pings and endpoint events. */
    private static final String NONE = "";

    private final Database db;

    JdbiNotificationOutbox(Database db) {
        this.db = db;
    }

    @Override
    public void enqueue(NotificationDelivery d) {
        db.withHandle(handle -> handle.createUpdate("INSERT INTO notification_outbox (id, event_id, workspace_id,"
                        + " endpoint_id, connection_id, type, body, state, attempts, next_attempt_at, last_status_code,"
                        + " last_error, created_at, finished_at) VALUES (:id, :event_id, :workspace_id, :endpoint_id,"
                        + " :connection_id, :type, :body, :state, :attempts, :next_attempt_at, :last_status_code,"
                        + " :last_error, :created_at, :finished_at)")
                .bind("id", d.id())
                .bind("event_id", d.eventId())
                .bind("workspace_id", d.workspaceId().value())
                .bind("endpoint_id", d.endpointId().value())
                .bind("connection_id", d.connectionId() == null ? NONE : d.connectionId().value())
                .bind("type", d.type().wire())
                .bind("body", d.body())
                .bind("state", d.state().wire())
                .bind("attempts", d.attempts())
                .bind("next_attempt_at", Sql.ts(d.nextAttemptAt()))
                .bind("last_status_code", d.lastStatusCode())
                .bind("last_error", d.lastError())
                .bind("created_at", Sql.ts(d.createdAt()))
                .bind("finished_at", Sql.ts(d.finishedAt()))
                .execute());
    }

    @Override
    public List<NotificationDelivery> claimDue(Instant now, String owner, Instant leaseUntil, int limit) {
        List<NotificationDelivery> heads = db.jdbi().withHandle(handle -> handle.createQuery("SELECT o.seq, " + COLUMNS
                        + " FROM notification_outbox o JOIN notification_endpoints e"
                        + " ON e.workspace_id = o.workspace_id AND e.id = o.endpoint_id"
                        + " WHERE o.state = 'pending' AND o.next_attempt_at <= :now AND e.enabled = TRUE"
                        + " AND (o.lease_until IS NULL OR o.lease_until <= :now)"
                        + " AND NOT EXISTS (SELECT 1 FROM notification_outbox p WHERE p.endpoint_id = o.endpoint_id"
                        + " AND p.connection_id = o.connection_id AND p.state = 'pending' AND p.seq < o.seq)"
                        + " ORDER BY o.next_attempt_at, o.seq LIMIT :limit")
                .bind("now", Sql.ts(now))
                .bind("limit", limit)
                .map((rs, ctx) -> delivery(rs))
                .list());
        List<NotificationDelivery> claimed = new ArrayList<>();
        for (NotificationDelivery head : heads) {
            int taken = db.jdbi().withHandle(handle -> handle.createUpdate("UPDATE notification_outbox"
                            + " SET lease_owner = :owner, lease_until = :lease_until WHERE id = :id AND state = 'pending'"
                            + " AND attempts = :attempts AND (lease_until IS NULL OR lease_until <= :now)")
                    .bind("owner", owner)
                    .bind("lease_until", Sql.ts(leaseUntil))
                    .bind("id", head.id())
                    .bind("attempts", head.attempts())
                    .bind("now", Sql.ts(now))
                    .execute());
            if (taken == 1) {
                claimed.add(head);
            }
        }
        return claimed;
    }

    @Override
    public boolean recordAttempt(String deliveryId, String owner, State state, Integer statusCode, String error,
            Instant nextAttemptAt, Instant now) {
        return db.withHandle(handle -> handle.createUpdate("UPDATE notification_outbox SET state = :state,"
                        + " attempts = attempts + 1, next_attempt_at = :next_attempt_at,"
                        + " last_status_code = :last_status_code, last_error = :last_error, lease_owner = NULL,"
                        + " lease_until = NULL, finished_at = :finished_at WHERE id = :id AND lease_owner = :owner")
                .bind("state", state.wire())
                .bind("next_attempt_at", Sql.ts(state == State.PENDING ? nextAttemptAt : null))
                .bind("last_status_code", statusCode)
                .bind("last_error", error)
                .bind("finished_at", Sql.ts(state == State.PENDING ? null : now))
                .bind("id", deliveryId)
                .bind("owner", owner)
                .execute()) == 1;
    }

    @Override
    public List<NotificationDelivery> recent(WorkspaceId workspaceId, NotificationEndpointId endpointId, int limit) {
        return db.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM notification_outbox o"
                        + " WHERE o.workspace_id = :workspace_id AND o.endpoint_id = :endpoint_id"
                        + " ORDER BY o.seq DESC LIMIT :limit")
                .bind("workspace_id", workspaceId.value())
                .bind("endpoint_id", endpointId.value())
                .bind("limit", limit)
                .map((rs, ctx) -> delivery(rs))
                .list());
    }

    @Override
    public int purgeFinishedBefore(Instant cutoff, int limit) {
        return db.withHandle(handle -> handle.createUpdate("DELETE FROM notification_outbox WHERE seq IN (SELECT seq"
                        + " FROM notification_outbox WHERE state <> 'pending' AND finished_at < :cutoff"
                        + " ORDER BY seq LIMIT :limit)")
                .bind("cutoff", Sql.ts(cutoff))
                .bind("limit", limit)
                .execute());
    }

    @Override
    public long pendingCount() {
        return db.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM notification_outbox"
                        + " WHERE state = 'pending'")
                .mapTo(Long.class).one());
    }

    private static NotificationDelivery delivery(ResultSet rs) throws SQLException {
        String connection = rs.getString("connection_id");
        int code = rs.getInt("last_status_code");
        Integer statusCode = rs.wasNull() ? null : code;
        return new NotificationDelivery(rs.getString("id"), rs.getString("event_id"),
                new WorkspaceId(rs.getString("workspace_id")), new NotificationEndpointId(rs.getString("endpoint_id")),
                connection.isEmpty() ? null : new ConnectionId(connection),
                Rows.wire(NotificationType.class, rs.getString("type")), rs.getString("body"),
                Rows.wire(State.class, rs.getString("state")), rs.getInt("attempts"),
                Sql.instant(rs, "next_attempt_at"), statusCode, rs.getString("last_error"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "finished_at"));
    }
}
