package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.CredentialFacts;
import com.amdahl.connections.domain.WireNames;
import com.amdahl.connections.domain.catalog.Scope;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.connection.ActiveRun;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.connection.Lifecycle;
import com.amdahl.connections.domain.connection.Profile;
import com.amdahl.connections.domain.connection.SocialProfile;
import com.amdahl.connections.domain.connection.SyncFacts;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RecordCounts;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.RunOutcome;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps connection and run rows (optionally under a column prefix) back to the domain. */
final class Rows {
    static final String CONNECTION_COLUMNS = "c.id, c.workspace_id, c.connector_type, c.name, c.scope, c.owner_user_id,"
            + " c.connected_by_user_id, c.account_external_id, c.account_label, c.social_external_account_id,"
            + " c.social_handle, c.social_display_name, c.social_avatar_url, c.created_at, c.status,"
            + " c.status_changed_at, c.needs_reauth, c.last_error, c.connected_at, c.first_sync_pending,"
            + " c.active_run_id, c.active_run_running, c.active_run_started_at, c.last_synced_at,"
            + " c.last_outcome_failed, c.last_outcome_streams_failed, c.last_outcome_error_reason,"
            + " c.last_outcome_finished_at, c.last_outcome_deletes_held, c.last_outcome_not_before, c.last_dispatched_at,"
            + " c.sample, c.version";

    static final String RUN_FIELDS = "id, workspace_id, connection_id, status, triggered_by, started_at, finished_at,"
            + " heartbeat_at, streams_total, streams_failed, records_written, records_added, records_updated,"
            + " records_deleted, records_unchanged, records_skipped, records_deletes_held, records_suppressed, error_reason,"
            + " error_message";

    /**
     * Facts about a connection's credentials (table alias {@code cr}, outer-joined): expiry and
     * scopes from the row, the last refresh from the newest credentials_refreshed event
     * ({@code ix_connection_events_type}).
     */
    static final String CREDENTIAL_FACT_COLUMNS = "cr.expires_at AS cr_expires_at, cr.scopes_granted AS cr_scopes,"
            + " (SELECT MAX(e.at) FROM connection_events e WHERE e.workspace_id = c.workspace_id"
            + " AND e.connection_id = c.id AND e.type = 'credentials_refreshed') AS cr_refreshed_at";

    private Rows() {
    }

    /** {@code RUN_FIELDS} of table alias {@code alias}, each renamed with {@code prefix}. */
    static String runColumns(String alias, String prefix) {
        StringBuilder sql = new StringBuilder();
        for (String field : RUN_FIELDS.split(",\\s*")) {
            sql.append(sql.length() == 0 ? "" : ", ").append(alias).append('.').append(field)
                    .append(" AS ").append(prefix).append(field);
        }
        return sql.toString();
    }

    static Connection connection(ResultSet rs) throws SQLException {
        String accountId = rs.getString("account_external_id");
        AccountIdentity account = accountId == null ? null
                : new AccountIdentity(accountId, rs.getString("account_label"));
        String socialId = rs.getString("social_external_account_id");
        SocialProfile social = socialId == null ? null
                : new SocialProfile(socialId, rs.getString("social_handle"), rs.getString("social_display_name"),
                        rs.getString("social_avatar_url"));
        Profile profile = new Profile(rs.getString("name"), wire(Scope.class, rs.getString("scope")),
                user(rs.getString("owner_user_id")), account, social, rs.getBoolean("sample"));
        Lifecycle lifecycle = new Lifecycle(wire(ConnectionStatus.class, rs.getString("status")),
                Sql.instant(rs, "status_changed_at"), rs.getBoolean("needs_reauth"), rs.getString("last_error"),
                Sql.instant(rs, "connected_at"), rs.getBoolean("first_sync_pending"));
        String activeRunId = rs.getString("active_run_id");
        ActiveRun activeRun = activeRunId == null ? null
                : new ActiveRun(new RunId(activeRunId), rs.getBoolean("active_run_running"),
                        Sql.instant(rs, "active_run_started_at"));
        java.time.Instant outcomeAt = Sql.instant(rs, "last_outcome_finished_at");
        RunOutcome outcome = outcomeAt == null ? null
                : new RunOutcome(rs.getBoolean("last_outcome_failed"), rs.getInt("last_outcome_streams_failed"),
                        nullableWire(ErrorReason.class, rs.getString("last_outcome_error_reason")), outcomeAt,
                        rs.getLong("last_outcome_deletes_held"), Sql.instant(rs, "last_outcome_not_before"));
        SyncFacts sync = new SyncFacts(activeRun, Sql.instant(rs, "last_synced_at"), outcome,
                Sql.instant(rs, "last_dispatched_at"));
        return Connection.restore(new ConnectionId(rs.getString("id")), new WorkspaceId(rs.getString("workspace_id")),
                rs.getString("connector_type"), Sql.instant(rs, "created_at"),
                user(rs.getString("connected_by_user_id")), profile, lifecycle, sync, rs.getLong("version"));
    }

    static CredentialFacts credentialFacts(ResultSet rs) throws SQLException {
        return new CredentialFacts(Sql.instant(rs, "cr_expires_at"), Sql.instant(rs, "cr_refreshed_at"),
                CredentialFacts.parseScopes(rs.getString("cr_scopes")));
    }

    /** The run under column prefix {@code p}, or null when the (outer-joined) run is absent. */
    static SyncRun run(ResultSet rs, String p) throws SQLException {
        String id = rs.getString(p + "id");
        if (id == null) {
            return null;
        }
        return new SyncRun(new RunId(id), new ConnectionId(rs.getString(p + "connection_id")),
                new WorkspaceId(rs.getString(p + "workspace_id")), wire(SyncRunStatus.class, rs.getString(p + "status")),
                wire(TriggeredBy.class, rs.getString(p + "triggered_by")), Sql.instant(rs, p + "started_at"),
                Sql.instant(rs, p + "finished_at"), Sql.instant(rs, p + "heartbeat_at"), rs.getInt(p + "streams_total"),
                rs.getInt(p + "streams_failed"), new RecordCounts(rs.getLong(p + "records_added"),
                        rs.getLong(p + "records_updated"), rs.getLong(p + "records_deleted"),
                        rs.getLong(p + "records_unchanged"), rs.getLong(p + "records_skipped"),
                        rs.getLong(p + "records_deletes_held"), rs.getLong(p + "records_suppressed")),
                nullableWire(ErrorReason.class, rs.getString(p + "error_reason")), rs.getString(p + "error_message"));
    }

    static UserId user(String value) {
        return value == null ? null : new UserId(value);
    }

    static String value(UserId user) {
        return user == null ? null : user.value();
    }

    static <E extends Enum<E> & WireNames.Wired> E wire(Class<E> type, String wire) {
        return WireNames.parse(type, wire).orElseThrow(
                () -> new IllegalStateException("unknown " + type.getSimpleName() + " in storage: " + wire));
    }

    static <E extends Enum<E> & WireNames.Wired> E nullableWire(Class<E> type, String wire) {
        return wire == null ? null : wire(type, wire);
    }

    static String wireOf(WireNames.Wired value) {
        return value == null ? null : value.wire();
    }
}
