package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.ConcurrentUpdate;
import com.amdahl.connections.application.port.out.ConnectionRepository;
import com.amdahl.connections.application.port.out.ConnectionSnapshot;
import com.amdahl.connections.application.port.out.SocialAccountAlreadyTracked;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.connection.ActiveRun;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.Lifecycle;
import com.amdahl.connections.domain.connection.Profile;
import com.amdahl.connections.domain.connection.SocialProfile;
import com.amdahl.connections.domain.connection.SyncFacts;
import com.amdahl.connections.domain.sync.RunOutcome;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.Update;

/** Connections in the {@code connections} table, optimistic-locked by {@code version}. */
final class JdbiConnectionRepository implements ConnectionRepository {
    static final String SOCIAL_CONSTRAINT = "uq_connections_social_account";

    private static final String MUTABLE_COLUMNS = "name = :name, scope = :scope, owner_user_id = :owner_user_id,"
            + " connected_by_user_id = :connected_by_user_id, account_external_id = :account_external_id,"
            + " account_label = :account_label, social_external_account_id = :social_external_account_id,"
            + " social_handle = :social_handle, social_display_name = :social_display_name,"
            + " social_avatar_url = :social_avatar_url, status = :status, status_changed_at = :status_changed_at,"
            + " needs_reauth = :needs_reauth, last_error = :last_error, connected_at = :connected_at,"
            + " first_sync_pending = :first_sync_pending, active_run_id = :active_run_id,"
            + " active_run_running = :active_run_running, active_run_started_at = :active_run_started_at,"
            + " last_synced_at = :last_synced_at, last_outcome_failed = :last_outcome_failed,"
            + " last_outcome_streams_failed = :last_outcome_streams_failed,"
            + " last_outcome_error_reason = :last_outcome_error_reason,"
            + " last_outcome_finished_at = :last_outcome_finished_at,"
            + " last_outcome_deletes_held = :last_outcome_deletes_held, last_dispatched_at = :last_dispatched_at,"
            + " last_outcome_not_before = :last_outcome_not_before";

    private static final String INSERT = "INSERT INTO connections (id, workspace_id, connector_type, name, scope,"
            + " owner_user_id, connected_by_user_id, account_external_id, account_label, social_external_account_id,"
            + " social_handle, social_display_name, social_avatar_url, created_at, status, status_changed_at,"
            + " needs_reauth, last_error, connected_at, first_sync_pending, active_run_id, active_run_running,"
            + " active_run_started_at, last_synced_at, last_outcome_failed, last_outcome_streams_failed,"
            + " last_outcome_error_reason, last_outcome_finished_at, last_outcome_deletes_held, last_dispatched_at,"
            + " last_outcome_not_before, sample, version) VALUES (:id,"
            + " :workspace_id,"
            + " :connector_type, :name, :scope, :owner_user_id, :connected_by_user_id, :account_external_id,"
            + " :account_label, :social_external_account_id, :social_handle, :social_display_name,"
            + " :social_avatar_url, :created_at, :status, :status_changed_at, :needs_reauth, :last_error,"
            + " :connected_at, :first_sync_pending, :active_run_id, :active_run_running, :active_run_started_at,"
            + " :last_synced_at, :last_outcome_failed, :last_outcome_streams_failed, :last_outcome_error_reason,"
            + " :last_outcome_finished_at, :last_outcome_deletes_held, :last_dispatched_at, :last_outcome_not_before,"
            + " :sample, :version)";

    private static final String UPDATE = "UPDATE connections SET " + MUTABLE_COLUMNS + ", version = version + 1"
            + " WHERE id = :id AND workspace_id = :workspace_id AND version = :version";

    /**
     * Each connection with its newest run (started_at desc, id desc) in one statement: the run is
     * picked by a correlated top-1 lookup on {@code ix_sync_runs_newest}, one index probe per
     * connection. (A window function over all the workspace's runs was measured 300x slower on
     * H2, which materializes it.)
     */
    private static final String SNAPSHOTS_SELECT = "SELECT " + Rows.CONNECTION_COLUMNS + ", "
            + Rows.runColumns("r", "r_") + ", " + Rows.CREDENTIAL_FACT_COLUMNS
            + " FROM connections c LEFT JOIN sync_runs r ON r.id = (SELECT sr.id FROM sync_runs sr"
            + " WHERE sr.workspace_id = c.workspace_id AND sr.connection_id = c.id"
            + " ORDER BY sr.started_at DESC, sr.id DESC LIMIT 1)"
            + " LEFT JOIN credentials cr ON cr.connection_id = c.id AND cr.workspace_id = c.workspace_id"
            + " WHERE c.workspace_id = :workspace_id";
    private static final String SNAPSHOTS = SNAPSHOTS_SELECT + " ORDER BY c.created_at DESC, c.id DESC";
    private static final String SNAPSHOT = SNAPSHOTS_SELECT + " AND c.id = :id";

    private final Database db;

    JdbiConnectionRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(Connection connection) {
        db.withHandle(handle -> {
            try {
                int inserted = db.guarded(handle,
                        () -> bindAll(handle.createUpdate(INSERT), connection)
                                .bind("connector_type", connection.connectorType())
                                .bind("created_at", Sql.ts(connection.createdAt()))
                                .bind("sample", connection.profile().sample()) // set once: demo data stays demo data
                                .bind("version", connection.version())
                                .execute());
                db.changed(handle, connection.workspaceId().value());
                return inserted;
            } catch (RuntimeException e) {
                throw translate(e);
            }
        });
    }

    @Override
    public Connection update(Connection connection) {
        // No savepoint here (unlike insert): an update never changes the tracked social account,
        // so it cannot break the unique constraint, and a savepoint per write costs two round trips.
        int rows = db.withHandle(handle -> {
            int updated = bindAll(handle.createUpdate(UPDATE), connection).bind("version", connection.version()).execute();
            db.changed(handle, connection.workspaceId().value());
            return updated;
        });
        if (rows == 0) {
            throw new ConcurrentUpdate();
        }
        return Connection.restore(connection.id(), connection.workspaceId(), connection.connectorType(),
                connection.createdAt(), connection.connectedByUserId(), connection.profile(), connection.lifecycle(),
                connection.sync(), connection.version() + 1);
    }

    @Override
    public Optional<Connection> find(WorkspaceId workspaceId, ConnectionId id) {
        return db.withHandle(handle -> handle.createQuery("SELECT " + Rows.CONNECTION_COLUMNS
                        + " FROM connections c WHERE c.workspace_id = :workspace_id AND c.id = :id")
                .bind("workspace_id", workspaceId.value())
                .bind("id", id.value())
                .map((rs, ctx) -> Rows.connection(rs))
                .findOne());
    }

    @Override
    public Optional<ConnectionSnapshot> findSnapshot(WorkspaceId workspaceId, ConnectionId id) {
        return db.withHandle(handle -> handle.createQuery(SNAPSHOT)
                .bind("workspace_id", workspaceId.value())
                .bind("id", id.value())
                .map((rs, ctx) -> new ConnectionSnapshot(Rows.connection(rs), Rows.run(rs, "r_"), Rows.credentialFacts(rs)))
                .findOne());
    }

    @Override
    public List<ConnectionSnapshot> listSnapshots(WorkspaceId workspaceId) {
        return db.withHandle(handle -> handle.createQuery(SNAPSHOTS)
                .bind("workspace_id", workspaceId.value())
                .map((rs, ctx) -> new ConnectionSnapshot(Rows.connection(rs), Rows.run(rs, "r_"), Rows.credentialFacts(rs)))
                .list());
    }

    @Override
    public Optional<ConnectionId> findBySocialAccount(WorkspaceId workspaceId, String connectorType,
            String externalAccountId) {
        return db.withHandle(handle -> handle.createQuery("SELECT id FROM connections WHERE workspace_id = :workspace_id"
                        + " AND connector_type = :connector_type AND social_external_account_id = :external_id")
                .bind("workspace_id", workspaceId.value())
                .bind("connector_type", connectorType)
                .bind("external_id", externalAccountId)
                .mapTo(String.class)
                .findOne()
                .map(ConnectionId::new));
    }

    private static RuntimeException translate(RuntimeException e) {
        return Sql.isUniqueViolation(e, SOCIAL_CONSTRAINT) ? new SocialAccountAlreadyTracked() : e;
    }

    private static Update bindAll(Update update, Connection connection) {
        Profile profile = connection.profile();
        AccountIdentity account = profile.account();
        SocialProfile social = profile.social();
        Lifecycle lifecycle = connection.lifecycle();
        SyncFacts sync = connection.sync();
        ActiveRun active = sync.activeRun();
        RunOutcome outcome = sync.lastOutcome();
        return update
                .bind("id", connection.id().value())
                .bind("workspace_id", connection.workspaceId().value())
                .bind("name", profile.name())
                .bind("scope", profile.scope().wire())
                .bind("owner_user_id", Rows.value(profile.ownerUserId()))
                .bind("connected_by_user_id", Rows.value(connection.connectedByUserId()))
                .bind("account_external_id", account == null ? null : account.externalAccountId())
                .bind("account_label", account == null ? null : account.label())
                .bind("social_external_account_id", social == null ? null : social.externalAccountId())
                .bind("social_handle", social == null ? null : social.handle())
                .bind("social_display_name", social == null ? null : social.displayName())
                .bind("social_avatar_url", social == null ? null : social.avatarUrl())
                .bind("status", lifecycle.status().wire())
                .bind("status_changed_at", Sql.ts(lifecycle.statusChangedAt()))
                .bind("needs_reauth", lifecycle.needsReauth())
                .bind("last_error", lifecycle.lastError())
                .bind("connected_at", Sql.ts(lifecycle.connectedAt()))
                .bind("first_sync_pending", lifecycle.firstSyncPending())
                .bind("active_run_id", active == null ? null : active.runId().value())
                .bind("active_run_running", active == null ? null : active.running())
                .bind("active_run_started_at", Sql.ts(active == null ? null : active.startedAt()))
                .bind("last_synced_at", Sql.ts(sync.lastSyncedAt()))
                .bind("last_outcome_failed", outcome == null ? null : outcome.failed())
                .bind("last_outcome_streams_failed", outcome == null ? null : outcome.streamsFailed())
                .bind("last_outcome_error_reason", outcome == null ? null : Rows.wireOf(outcome.errorReason()))
                .bind("last_outcome_finished_at", Sql.ts(outcome == null ? null : outcome.finishedAt()))
                .bind("last_outcome_deletes_held", outcome == null ? 0 : outcome.deletesHeld())
                .bind("last_outcome_not_before", Sql.ts(outcome == null ? null : outcome.notBefore()))
                .bind("last_dispatched_at", Sql.ts(sync.lastDispatchedAt()));

    }
}
