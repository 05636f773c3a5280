package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.CredentialVault;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials encrypted with AES-256-GCM in {@code credentials}: a fresh 96-bit nonce per write,
 * the workspace and connection ids as associated data (a ciphertext moved to another row does not
 * decrypt), and the key id stored beside each ciphertext so keys can rotate.
 */
final class AesGcmCredentialVault implements CredentialVault {
    private final Database db;
    private final AesGcm box;
    private final Clock clock;

    AesGcmCredentialVault(Database db, AesGcm box, Clock clock) {
        this.db = db;
        this.box = box;
        this.clock = clock;
    }

    /** One stored row: everything but the plaintext. */
    record Sealed(String workspaceId, String connectionId, String keyId, String nonce, String ciphertext) {
    }

    @Override
    public void store(WorkspaceId workspaceId, ConnectionId connectionId, Credentials credentials) {
        Sealed sealed = seal(workspaceId.value(), connectionId.value(), credentials);
        db.inOwnOrCurrentTransaction(handle -> {
            int updated = facts(bind(handle.createUpdate("UPDATE credentials SET key_id = :key_id, nonce = :nonce,"
                            + " ciphertext = :ciphertext, updated_at = :updated_at, expires_at = :expires_at,"
                            + " scopes_granted = :scopes_granted"
                            + " WHERE workspace_id = :workspace_id AND connection_id = :connection_id"), sealed),
                    credentials).bind("updated_at", Sql.ts(clock.instant())).execute();
            if (updated == 0) {
                facts(bind(handle.createUpdate("INSERT INTO credentials (workspace_id, connection_id, key_id, nonce,"
                                + " ciphertext, updated_at, expires_at, scopes_granted) VALUES (:workspace_id,"
                                + " :connection_id, :key_id, :nonce, :ciphertext, :updated_at, :expires_at,"
                                + " :scopes_granted)"), sealed), credentials)
                        .bind("updated_at", Sql.ts(clock.instant())).execute();
            }
            db.changed(handle, workspaceId.value());
            return null;
        });
    }

    /** The non-secret facts kept beside the ciphertext, so views can show them without decrypting. */
    private static org.jdbi.v3.core.statement.Update facts(org.jdbi.v3.core.statement.Update update,
            Credentials credentials) {
        String scopes = credentials.get(Credentials.SCOPE).orElse(null);
        return update.bind("expires_at", Sql.ts(credentials.expiresAt().orElse(null)))
                .bind("scopes_granted", scopes == null || scopes.length() > 4000 ? null : scopes);
    }

    @Override
    public Optional<Credentials> load(WorkspaceId workspaceId, ConnectionId connectionId) {
        return db.withHandle(handle -> handle.createQuery("SELECT workspace_id, connection_id, key_id, nonce,"
                        + " ciphertext FROM credentials WHERE workspace_id = :workspace_id"
                        + " AND connection_id = :connection_id")
                .bind("workspace_id", workspaceId.value())
                .bind("connection_id", connectionId.value())
                .map((rs, ctx) -> new Sealed(rs.getString("workspace_id"), rs.getString("connection_id"),
                        rs.getString("key_id"), rs.getString("nonce"), rs.getString("ciphertext")))
                .findOne())
                .map(this::open);
    }

    @Override
    public void erase(WorkspaceId workspaceId, ConnectionId connectionId) {
        db.withHandle(handle -> {
            handle.createUpdate("DELETE FROM credentials WHERE workspace_id = :workspace_id"
                            + " AND connection_id = :connection_id")
                    .bind("workspace_id", workspaceId.value())
                    .bind("connection_id", connectionId.value())
                    .execute();
            db.changed(handle, workspaceId.value());
            return null;
        });
    }

    /**
     * Re-encrypts every row not under the current key with the current key, {@code batchSize} rows
     * per transaction (walking the rows by connection id). A row written concurrently is left as
     * its writer stored it. Rows that do not decrypt are skipped and reported at the end.
     *
     * @return how many rows were re-encrypted
     */
    int rotate(int batchSize) {
        int rotated = 0;
        int undecryptable = 0;
        String after = "";
        while (true) {
            String from = after;
            List<Sealed> batch = db.jdbi().withHandle(handle -> handle.createQuery("SELECT workspace_id,"
                            + " connection_id, key_id, nonce, ciphertext FROM credentials WHERE key_id <> :current"
                            + " AND connection_id > :after ORDER BY connection_id LIMIT :limit")
                    .bind("current", box.currentKeyId())
                    .bind("after", from)
                    .bind("limit", batchSize)
                    .map((rs, ctx) -> new Sealed(rs.getString("workspace_id"), rs.getString("connection_id"),
                            rs.getString("key_id"), rs.getString("nonce"), rs.getString("ciphertext")))
                    .list());
            if (batch.isEmpty()) {
                break;
            }
            after = batch.get(batch.size() - 1).connectionId();
            List<Sealed[]> changes = new java.util.ArrayList<>();
            for (Sealed old : batch) {
                try {
                    changes.add(new Sealed[] {old, seal(old.workspaceId(), old.connectionId(), open(old))});
                } catch (ConnectionsException e) {
                    undecryptable++;
                }
            }
            Instant now = clock.instant();
            rotated += db.jdbi().inTransaction(handle -> {
                int written = 0;
                for (Sealed[] change : changes) {
                    written += bind(handle.createUpdate("UPDATE credentials SET key_id = :key_id, nonce = :nonce,"
                                    + " ciphertext = :ciphertext, updated_at = :updated_at"
                                    + " WHERE workspace_id = :workspace_id AND connection_id = :connection_id"
                                    + " AND key_id = :old_key_id AND nonce = :old_nonce"), change[1])
                            .bind("old_key_id", change[0].keyId())
                            .bind("old_nonce", change[0].nonce())
                            .bind("updated_at", Sql.ts(now))
                            .execute();
                }
                return written;
            });
        }
        if (undecryptable > 0) {
            throw failure("Re-encrypted " + rotated + " credentials; " + undecryptable
                    + " could not be decrypted and keep their old key");
        }
        return rotated;
    }

    private static org.jdbi.v3.core.statement.Update bind(org.jdbi.v3.core.statement.Update update, Sealed sealed) {
        return update.bind("workspace_id", sealed.workspaceId())
                .bind("connection_id", sealed.connectionId())
                .bind("key_id", sealed.keyId())
                .bind("nonce", sealed.nonce())
                .bind("ciphertext", sealed.ciphertext());
    }

    private Sealed seal(String workspaceId, String connectionId, Credentials credentials) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("secrets", credentials.secrets());
        payload.put("expires_at", credentials.expiresAt().map(Instant::toString).orElse(null));
        byte[] plaintext = FlatJson.write(payload).getBytes(StandardCharsets.UTF_8);
        try {
            AesGcm.Sealed sealed = box.seal(plaintext, associatedData(workspaceId, connectionId));
            return new Sealed(workspaceId, connectionId, sealed.keyId(), sealed.nonce(), sealed.ciphertext());
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    @SuppressWarnings("unchecked")
    private Credentials open(Sealed sealed) {
        byte[] plaintext = box.open(new AesGcm.Sealed(sealed.keyId(), sealed.nonce(), sealed.ciphertext()),
                associatedData(sealed.workspaceId(), sealed.connectionId()));
        try {
            Map<String, Object> payload = FlatJson.read(new String(plaintext, StandardCharsets.UTF_8));
            Object expiresAt = payload.get("expires_at");
            return new Credentials((Map<String, String>) payload.get("secrets"),
                    expiresAt == null ? null : Instant.parse((String) expiresAt));
        } catch (RuntimeException e) {
            throw failure("Stored credentials could not be decrypted");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Length-prefixed so that no two (workspace, connection) pairs share associated data. */
    private static byte[] associatedData(String workspaceId, String connectionId) {
        return ("credentials:v1:" + workspaceId.length() + ":" + workspaceId + ":" + connectionId)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static ConnectionsException failure(String message) {
        return new ConnectionsException(ErrorCode.INTERNAL_ERROR, message);
    }

    @Override
    public String toString() {
        return "AesGcmCredentialVault[current=" + box.currentKeyId() + "]";
    }
}
