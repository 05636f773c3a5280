package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.NotificationEndpointStore;
import com.amdahl.connections.domain.WireNames;
import com.amdahl.connections.domain.notification.NotificationEndpoint;
import com.amdahl.connections.domain.notification.NotificationEndpointId;
import com.amdahl.connections.domain.notification.NotificationType;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.statement.Update;

/**
 * {@code notification_endpoints}: subscribed types as a comma-separated list of wire names, the
 * signing secret sealed with {@link AesGcm} (workspace and endpoint id as associated data).
 */
final class JdbiNotificationEndpoints implements NotificationEndpointStore {
    private static final String COLUMNS = "id, workspace_id, url, events, description, enabled, disabled_reason,"
            + " failing_since, created_at, updated_at";

    private final Database db;
    private final AesGcm cipher;

    JdbiNotificationEndpoints(Database db, AesGcm cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    @Override
    public void insert(NotificationEndpoint endpoint, String signingSecret) {
        AesGcm.Sealed sealed = seal(endpoint.workspaceId(), endpoint.id(), signingSecret);
        db.withHandle(handle -> bind(handle.createUpdate("INSERT INTO notification_endpoints (" + COLUMNS
                        + ", key_id, nonce, ciphertext) VALUES (:id, :workspace_id, :url, :events, :description, :enabled,"
                        + " :disabled_reason, :failing_since, :created_at, :updated_at, :key_id, :nonce, :ciphertext)"),
                endpoint)
                .bind("key_id", sealed.keyId()).bind("nonce", sealed.nonce()).bind("ciphertext", sealed.ciphertext())
                .execute());
    }

    @Override
    public void update(NotificationEndpoint endpoint) {
        db.withHandle(handle -> bind(handle.createUpdate("UPDATE notification_endpoints SET url = :url,"
                        + " events = :events, description = :description, enabled = :enabled,"
                        + " disabled_reason = :disabled_reason, failing_since = :failing_since,"
                        + " created_at = :created_at, updated_at = :updated_at"
                        + " WHERE workspace_id = :workspace_id AND id = :id"), endpoint).execute());
    }

    @Override
    public void replaceSecret(WorkspaceId workspaceId, NotificationEndpointId id, String signingSecret) {
        AesGcm.Sealed sealed = seal(workspaceId, id, signingSecret);
        db.withHandle(handle -> handle.createUpdate("UPDATE notification_endpoints SET key_id = :key_id,"
                        + " nonce = :nonce, ciphertext = :ciphertext WHERE workspace_id = :workspace_id AND id = :id")
                .bind("key_id", sealed.keyId()).bind("nonce", sealed.nonce()).bind("ciphertext", sealed.ciphertext())
                .bind("workspace_id", workspaceId.value()).bind("id", id.value())
                .execute());
    }

    @Override
    public boolean delete(WorkspaceId workspaceId, NotificationEndpointId id) {
        return db.withHandle(handle -> handle.createUpdate("DELETE FROM notification_endpoints"
                        + " WHERE workspace_id = :workspace_id AND id = :id")
                .bind("workspace_id", workspaceId.value()).bind("id", id.value())
                .execute()) > 0;
    }

    @Override
    public Optional<NotificationEndpoint> find(WorkspaceId workspaceId, NotificationEndpointId id) {
        return db.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM notification_endpoints"
                        + " WHERE workspace_id = :workspace_id AND id = :id")
                .bind("workspace_id", workspaceId.value()).bind("id", id.value())
                .map((rs, ctx) -> endpoint(rs))
                .findOne());
    }

    @Override
    public List<NotificationEndpoint> list(WorkspaceId workspaceId) {
        return db.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM notification_endpoints"
                        + " WHERE workspace_id = :workspace_id ORDER BY created_at, id")
                .bind("workspace_id", workspaceId.value())
                .map((rs, ctx) -> endpoint(rs))
                .list());
    }

    @Override
    public List<NotificationEndpoint> subscribers(WorkspaceId workspaceId, NotificationType type) {
        return list(workspaceId).stream().filter(endpoint -> endpoint.subscribesTo(type)).toList();
    }

    @Override
    public void recordFailure(WorkspaceId workspaceId, NotificationEndpointId id, Instant at) {
        db.withHandle(handle -> handle.createUpdate("UPDATE notification_endpoints SET failing_since = :at"
                        + " WHERE workspace_id = :workspace_id AND id = :id AND failing_since IS NULL")
                .bind("at", Sql.ts(at)).bind("workspace_id", workspaceId.value()).bind("id", id.value())
                .execute());
    }

    @Override
    public void recordSuccess(WorkspaceId workspaceId, NotificationEndpointId id) {
        db.withHandle(handle -> handle.createUpdate("UPDATE notification_endpoints SET failing_since = NULL"
                        + " WHERE workspace_id = :workspace_id AND id = :id AND failing_since IS NOT NULL")
                .bind("workspace_id", workspaceId.value()).bind("id", id.value())
                .execute());
    }

    @Override
    public boolean disable(WorkspaceId workspaceId, NotificationEndpointId id, String reason, Instant at) {
        return db.withHandle(handle -> handle.createUpdate("UPDATE notification_endpoints SET enabled = FALSE,"
                        + " disabled_reason = :reason, updated_at = :at"
                        + " WHERE workspace_id = :workspace_id AND id = :id AND enabled = TRUE")
                .bind("reason", reason).bind("at", Sql.ts(at))
                .bind("workspace_id", workspaceId.value()).bind("id", id.value())
                .execute()) > 0;
    }

    @Override
    public Optional<String> signingSecret(WorkspaceId workspaceId, NotificationEndpointId id) {
        return db.withHandle(handle -> handle.createQuery("SELECT key_id, nonce, ciphertext FROM notification_endpoints"
                        + " WHERE workspace_id = :workspace_id AND id = :id")
                .bind("workspace_id", workspaceId.value()).bind("id", id.value())
                .map((rs, ctx) -> new AesGcm.Sealed(rs.getString("key_id"), rs.getString("nonce"),
                        rs.getString("ciphertext")))
                .findOne())
                .map(sealed -> new String(cipher.open(sealed, associatedData(workspaceId, id)), StandardCharsets.UTF_8));
    }

    /** Re-seals every secret not under the current key; answers how many. */
    int rotate() {
        record Row(String workspaceId, String id, AesGcm.Sealed sealed) {
        }
        List<Row> rows = db.jdbi().withHandle(handle -> handle.createQuery("SELECT workspace_id, id, key_id, nonce,"
                        + " ciphertext FROM notification_endpoints WHERE key_id <> :current")
                .bind("current", cipher.currentKeyId())
                .map((rs, ctx) -> new Row(rs.getString("workspace_id"), rs.getString("id"), new AesGcm.Sealed(
                        rs.getString("key_id"), rs.getString("nonce"), rs.getString("ciphertext"))))
                .list());
        for (Row row : rows) {
            WorkspaceId workspace = new WorkspaceId(row.workspaceId());
            NotificationEndpointId id = new NotificationEndpointId(row.id());
            replaceSecret(workspace, id, new String(cipher.open(row.sealed(), associatedData(workspace, id)),
                    StandardCharsets.UTF_8));
        }
        return rows.size();
    }

    private AesGcm.Sealed seal(WorkspaceId workspaceId, NotificationEndpointId id, String secret) {
        return cipher.seal(secret.getBytes(StandardCharsets.UTF_8), associatedData(workspaceId, id));
    }

    /** Length-prefixed, and distinct from the credential vault's, so no ciphertext fits another row or table. */
    private static byte[] associatedData(WorkspaceId workspaceId, NotificationEndpointId id) {
        return ("notification-endpoint:v1:" + workspaceId.value().length() + ":" + workspaceId.value() + ":" + id.value())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Update bind(Update update, NotificationEndpoint endpoint) {
        return update.bind("id", endpoint.id().value())
                .bind("workspace_id", endpoint.workspaceId().value())
                .bind("url", endpoint.url())
                .bind("events", endpoint.events().stream().map(NotificationType::wire).sorted()
                        .collect(Collectors.joining(",")))
                .bind("description", endpoint.description())
                .bind("enabled", endpoint.enabled())
                .bind("disabled_reason", endpoint.disabledReason())
                .bind("failing_since", Sql.ts(endpoint.failingSince()))
                .bind("created_at", Sql.ts(endpoint.createdAt()))
                .bind("updated_at", Sql.ts(endpoint.updatedAt()));
    }

    private static NotificationEndpoint endpoint(ResultSet rs) throws SQLException {
        String events = rs.getString("events");
        Set<NotificationType> types = EnumSet.noneOf(NotificationType.class);
        if (!events.isEmpty()) {
            Arrays.stream(events.split(",")).map(wire -> Rows.wire(NotificationType.class, wire)).forEach(types::add);
        }
        return new NotificationEndpoint(new NotificationEndpointId(rs.getString("id")),
                new WorkspaceId(rs.getString("workspace_id")), rs.getString("url"), types, rs.getString("description"),
                rs.getBoolean("enabled"), rs.getString("disabled_reason"), Sql.instant(rs, "failing_since"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    @Override
    public String toString() {
        return "JdbiNotificationEndpoints"; // never the cipher's keys
    }
}
