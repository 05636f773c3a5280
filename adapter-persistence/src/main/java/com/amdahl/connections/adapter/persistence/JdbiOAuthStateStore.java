package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.OAuthState;
import com.amdahl.connections.application.port.out.OAuthStateStore;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OAuth states in {@code oauth_states}, keyed by the hash of the state value. The PKCE verifier is
 * a secret like any credential: sealed with the credentials' keys, bound to its state's hash.
 */
final class JdbiOAuthStateStore implements OAuthStateStore {
    private final Database db;
    private final AesGcm box;

    JdbiOAuthStateStore(Database db, AesGcm box) {
        this.db = db;
        this.box = box;
    }

    @Override
    public void save(OAuthState state) {
        AesGcm.Sealed verifier = state.codeVerifier() == null ? null
                : box.seal(state.codeVerifier().getBytes(StandardCharsets.UTF_8), associatedData(state.stateHash()));
        db.withHandle(handle -> handle.createUpdate("INSERT INTO oauth_states (state_hash, workspace_id, user_id,"
                        + " connection_id, connector_type, reconnect, return_to, verifier_key_id, verifier_nonce,"
                        + " verifier_ciphertext, created_at, expires_at, used_at) VALUES (:state_hash, :workspace_id,"
                        + " :user_id, :connection_id, :connector_type, :reconnect, :return_to, :verifier_key_id,"
                        + " :verifier_nonce, :verifier_ciphertext, :created_at, :expires_at, :used_at)")
                .bind("state_hash", state.stateHash())
                .bind("workspace_id", state.workspaceId().value())
                .bind("user_id", state.userId().value())
                .bind("connection_id", state.connectionId().value())
                .bind("connector_type", state.connectorType())
                .bind("reconnect", state.reconnect())
                .bind("return_to", state.returnTo())
                .bind("verifier_key_id", verifier == null ? null : verifier.keyId())
                .bind("verifier_nonce", verifier == null ? null : verifier.nonce())
                .bind("verifier_ciphertext", verifier == null ? null : verifier.ciphertext())
                .bind("created_at", Sql.ts(state.createdAt()))
                .bind("expires_at", Sql.ts(state.expiresAt()))
                .bind("used_at", Sql.ts(state.usedAt()))
                .execute());
    }

    /**
     * The state; one whose verifier no key opens any more (sealed under a key since removed) is
     * unusable and reads as unknown, so its callback ends like any other stale one.
     */
    @Override
    public Optional<OAuthState> find(String stateHash) {
        // global by design: the state value is the credential of the callback
        return db.withHandle(handle -> handle.createQuery("SELECT state_hash, workspace_id, user_id, connection_id,"
                        + " connector_type, reconnect, return_to, verifier_key_id, verifier_nonce, verifier_ciphertext,"
                        + " created_at, expires_at, used_at FROM oauth_states WHERE state_hash = :state_hash")
                .bind("state_hash", stateHash)
                .map((rs, ctx) -> {
                    String keyId = rs.getString("verifier_key_id");
                    AesGcm.Sealed verifier = keyId == null ? null : new AesGcm.Sealed(keyId,
                            rs.getString("verifier_nonce"), rs.getString("verifier_ciphertext"));
                    return new Row(new OAuthState(rs.getString("state_hash"),
                            new WorkspaceId(rs.getString("workspace_id")), new UserId(rs.getString("user_id")),
                            new ConnectionId(rs.getString("connection_id")), rs.getString("connector_type"),
                            rs.getBoolean("reconnect"), rs.getString("return_to"), null,
                            Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "used_at")),
                            verifier);
                })
                .findOne())
                .flatMap(this::withVerifier);
    }

    /** A stored state and its sealed verifier, opened outside the statement. */
    private record Row(OAuthState state, AesGcm.Sealed verifier) {
    }

    private Optional<OAuthState> withVerifier(Row row) {
        if (row.verifier() == null) {
            return Optional.of(row.state());
        }
        try {
            String verifier = new String(box.open(row.verifier(), associatedData(row.state().stateHash())),
                    StandardCharsets.UTF_8);
            OAuthState s = row.state();
            return Optional.of(new OAuthState(s.stateHash(), s.workspaceId(), s.userId(), s.connectionId(),
                    s.connectorType(), s.reconnect(), s.returnTo(), verifier, s.createdAt(), s.expiresAt(), s.usedAt()));
        } catch (ConnectionsException unopenable) {
            return Optional.empty();
        }
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

    /**
     * Re-seals every verifier not under the current key, {@code batchSize} per transaction; one no
     * configured key opens is left as it is (its state can no longer complete).
     *
     * @return how many verifiers were re-sealed
     */
    int rotate(int batchSize) {
        int rotated = 0;
        String after = "";
        while (true) {
            String from = after;
            List<String[]> batch = db.jdbi().withHandle(handle -> handle.createQuery("SELECT state_hash,"
                            + " verifier_key_id, verifier_nonce, verifier_ciphertext FROM oauth_states"
                            + " WHERE verifier_key_id IS NOT NULL AND verifier_key_id <> :current"
                            + " AND state_hash > :after ORDER BY state_hash LIMIT :limit")
                    .bind("current", box.currentKeyId())
                    .bind("after", from)
                    .bind("limit", batchSize)
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                    .list());
            if (batch.isEmpty()) {
                return rotated;
            }
            after = batch.get(batch.size() - 1)[0];
            List<Object[]> changes = new ArrayList<>();
            for (String[] row : batch) {
                try {
                    byte[] aad = associatedData(row[0]);
                    byte[] plain = box.open(new AesGcm.Sealed(row[1], row[2], row[3]), aad);
                    changes.add(new Object[] {row, box.seal(plain, aad)});
                    java.util.Arrays.fill(plain, (byte) 0);
                } catch (ConnectionsException unopenable) {
                    // left under its old key
                }
            }
            rotated += db.jdbi().inTransaction(handle -> {
                int written = 0;
                for (Object[] change : changes) {
                    String[] old = (String[]) change[0];
                    AesGcm.Sealed fresh = (AesGcm.Sealed) change[1];
                    written += handle.createUpdate("UPDATE oauth_states SET verifier_key_id = :key_id,"
                                    + " verifier_nonce = :nonce, verifier_ciphertext = :ciphertext"
                                    + " WHERE state_hash = :state_hash AND verifier_nonce = :old_nonce")
                            .bind("key_id", fresh.keyId())
                            .bind("nonce", fresh.nonce())
                            .bind("ciphertext", fresh.ciphertext())
                            .bind("state_hash", old[0])
                            .bind("old_nonce", old[2])
                            .execute();
                }
                return written;
            });
        }
    }

    /** Ties a sealed verifier to its state: moved to another row, it does not open. */
    private static byte[] associatedData(String stateHash) {
        return ("oauth_state:v1:" + stateHash).getBytes(StandardCharsets.UTF_8);
    }
}
