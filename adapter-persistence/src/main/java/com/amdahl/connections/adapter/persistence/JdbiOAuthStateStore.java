package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.OAuthState;
import com.amdahl.connections.application.port.out.OAuthStateStore;
import com.amdahl.connections.domain.connection.ConnectionId;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Optional;

/** OAuth states in {@code oauth_states}, keyed by the hash of the state value. */
final class JdbiOAuthStateStore implements OAuthStateStore {
    private final Database db;

    JdbiOAuthStateStore(Database db) {
        this.db = db;
    }

    @Override
    public void save(OAuthState state) {
        db.withHandle(handle -> handle.createUpdate("INSERT INTO oauth_states (state_hash, workspace_id, user_id,"
                        + " connection_id, connector_type, reconnect, return_to, code_verifier, created_at, expires_at,"
                        + " used_at) VALUES (:state_hash, :workspace_id, :user_id, :connection_id, :connector_type,"
                        + " :reconnect, :return_to, :code_verifier, :created_at, :expires_at, :used_at)")
                .bind("state_hash", state.stateHash())
                .bind("workspace_id", state.workspaceId().value())
                .bind("user_id", state.userId().value())
                .bind("connection_id", state.connectionId().value())
                .bind("connector_type", state.connectorType())
                .bind("reconnect", state.reconnect())
                .bind("return_to", state.returnTo())
                .bind("code_verifier", state.codeVerifier())
                .bind("created_at", Sql.ts(state.createdAt()))
                .bind("expires_at", Sql.ts(state.expiresAt()))
                .bind("used_at", Sql.ts(state.usedAt()))
                .execute());
    }

    @Override
    public Optional<OAuthState> find(String stateHash) {
        // global by design: the state value is the credential of the callback
        return db.withHandle(handle -> handle.createQuery("SELECT state_hash, workspace_id, user_id, connection_id,"
                        + " connector_type, reconnect, return_to, code_verifier, created_at, expires_at, used_at"
                        + " FROM oauth_states WHERE state_hash = :state_hash")
                .bind("state_hash", stateHash)
                .map((rs, ctx) -> new OAuthState(rs.getString("state_hash"),
                        new WorkspaceId(rs.getString("workspace_id")), new UserId(rs.getString("user_id")),
                        new ConnectionId(rs.getString("connection_id")), rs.getString("connector_type"),
                        rs.getBoolean("reconnect"), rs.getString("return_to"), rs.getString("code_verifier"),
                        Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "used_at")))
                .findOne());
    }

    @Override
    public boolean markUsed(String stateHash, Instant at) {
        return db.withHandle(handle -> handle.createUpdate("UPDATE oauth_states SET used_at = :at"
                        + " WHERE state_hash = :state_hash AND used_at IS NULL")
                .bind("at", Sql.ts(at))
                .bind("state_hash", stateHash)
                .execute()) == 1;
    }

    @Override
    public int deleteExpired(Instant cutoff) {
        return db.withHandle(handle -> handle.createUpdate("DELETE FROM oauth_states WHERE expires_at < :cutoff")
                .bind("cutoff", Sql.ts(cutoff))
                .execute());
    }
}
