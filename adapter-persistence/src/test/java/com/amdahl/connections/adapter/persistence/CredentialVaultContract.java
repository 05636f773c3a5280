package com.amdahl.connections.adapter.persistence;

import static com.amdahl.connections.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.application.port.out.CredentialVault;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CredentialVault} must do: keep secrets encrypted, bound to their row. */
abstract class CredentialVaultContract extends DatabaseContract {
    private static final String SECRET = "sk-live-very-secret-value";
    private Connection connection;

    CredentialVault vault() {
        return adapter.credentials();
    }

    @BeforeEach
    void aConnection() {
        connection = Fixtures.pipedrive(workspace, T0);
        adapter.connections().insert(connection);
    }

    private Connection another() {
        Connection other = Fixtures.pipedrive(workspace, T0);
        adapter.connections().insert(other);
        return other;
    }

    private record Row(String keyId, String nonce, String ciphertext) {
    }

    private Row row(Connection c) {
        return adapter.jdbi().withHandle(h -> h.createQuery("SELECT key_id, nonce, ciphertext FROM credentials"
                        + " WHERE connection_id = :id").bind("id", c.id().value())
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3))).one());
    }

    private void overwrite(Connection c, Row row) {
        adapter.jdbi().useHandle(h -> h.createUpdate("UPDATE credentials SET key_id = :k, nonce = :n,"
                        + " ciphertext = :c WHERE connection_id = :id")
                .bind("k", row.keyId()).bind("n", row.nonce()).bind("c", row.ciphertext())
                .bind("id", c.id().value()).execute());
    }

    @Test
    void credentials_round_trip_and_are_not_stored_in_clear() {
        Credentials oauth = new Credentials(Map.of(Credentials.ACCESS_TOKEN, "at-" + SECRET,
                Credentials.REFRESH_TOKEN, "rt-" + SECRET), T0.plusSeconds(3600));
        vault().store(workspace, connection.id(), oauth);

        assertThat(vault().load(workspace, connection.id())).contains(oauth);
        assertThat(row(connection).ciphertext()).doesNotContain(SECRET);
        assertThat(row(connection).keyId()).isEqualTo("k1");

        Credentials replaced = Credentials.apiKey(SECRET);
        vault().store(workspace, connection.id(), replaced);
        assertThat(vault().load(workspace, connection.id())).contains(replaced);
    }

    @Test
    void another_workspace_cannot_load_them_and_erase_is_idempotent() {
        vault().store(workspace, connection.id(), Credentials.apiKey(SECRET));

        assertThat(vault().load(Fixtures.newWorkspace(adapter), connection.id())).isEmpty();
        vault().erase(workspace, connection.id());
        vault().erase(workspace, connection.id());
        assertThat(vault().load(workspace, connection.id())).isEmpty();
    }

    @Test
    void every_write_uses_a_fresh_nonce() {
        vault().store(workspace, connection.id(), Credentials.apiKey(SECRET));
        Row first = row(connection);
        vault().store(workspace, connection.id(), Credentials.apiKey(SECRET));
        Row second = row(connection);

        assertThat(second.nonce()).isNotEqualTo(first.nonce());
        assertThat(second.ciphertext()).isNotEqualTo(first.ciphertext());
    }

    @Test
    void a_tampered_ciphertext_does_not_decrypt() {
        vault().store(workspace, connection.id(), Credentials.apiKey(SECRET));
        Row row = row(connection);
        char flipped = row.ciphertext().charAt(0) == 'A' ? 'B' : 'A';
        overwrite(connection, new Row(row.keyId(), row.nonce(), flipped + row.ciphertext().substring(1)));

        assertThatThrownBy(() -> vault().load(workspace, connection.id()))
                .isInstanceOf(ConnectionsException.class)
                .hasMessageNotContaining(SECRET)
                .hasNoCause();
    }

    @Test
    void a_ciphertext_moved_to_another_connection_does_not_decrypt() {
        Connection victim = another();
        vault().store(workspace, connection.id(), Credentials.apiKey(SECRET));
        vault().store(workspace, victim.id(), Credentials.apiKey("other-key"));
        overwrite(victim, row(connection));

        assertThatThrownBy(() -> vault().load(workspace, victim.id())).isInstanceOf(ConnectionsException.class);
        assertThat(vault().load(workspace, connection.id())).contains(Credentials.apiKey(SECRET));
    }

    @Test
    void rotation_re_encrypts_every_row_under_the_new_key() {
        PersistenceSettings fresh = backend().freshSettings();
        try (PersistenceAdapter old = PersistenceAdapter.open(fresh)) {
            WorkspaceId ws = Fixtures.newWorkspace(old);
            List<Connection> stored = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                Connection c = Fixtures.pipedrive(ws, T0);
                old.connections().insert(c);
                old.credentials().store(ws, c.id(), Credentials.apiKey(SECRET + i));
                stored.add(c);
            }

            try (PersistenceAdapter rotating = PersistenceAdapter.open(Backend.withKeys(fresh,
                    Map.of("k1", Backend.KEY_A, "k2", Backend.KEY_B), "k2"))) {
                assertThat(((AesGcmCredentialVault) rotating.credentials()).rotate(3)).isEqualTo(7);
                assertThat(rotating.rotateCredentials()).isZero();
            }

            try (PersistenceAdapter onlyNewKey = PersistenceAdapter.open(Backend.withKeys(fresh,
                    Map.of("k2", Backend.KEY_B), "k2"))) {
                for (int i = 0; i < stored.size(); i++) {
                    assertThat(onlyNewKey.credentials().load(ws, stored.get(i).id()))
                            .contains(Credentials.apiKey(SECRET + i));
                }
            }
            // the old-key-only adapter can no longer read them, and says so without leaking anything
            assertThatThrownBy(() -> old.credentials().load(ws, stored.get(0).id()))
                    .isInstanceOf(ConnectionsException.class)
                    .hasMessageContaining("not configured")
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void rotation_skips_and_reports_rows_that_do_not_decrypt() {
        PersistenceSettings fresh = backend().freshSettings();
        try (PersistenceAdapter old = PersistenceAdapter.open(fresh)) {
            WorkspaceId ws = Fixtures.newWorkspace(old);
            Connection good = Fixtures.pipedrive(ws, T0);
            Connection bad = Fixtures.pipedrive(ws, T0);
            old.connections().insert(good);
            old.connections().insert(bad);
            old.credentials().store(ws, good.id(), Credentials.apiKey(SECRET));
            old.credentials().store(ws, bad.id(), Credentials.apiKey(SECRET));
            old.jdbi().useHandle(h -> h.createUpdate("UPDATE credentials SET ciphertext = 'AAAA' WHERE connection_id = :id")
                    .bind("id", bad.id().value()).execute());

            try (PersistenceAdapter rotating = PersistenceAdapter.open(Backend.withKeys(fresh,
                    Map.of("k1", Backend.KEY_A, "k2", Backend.KEY_B), "k2"))) {
                assertThatThrownBy(rotating::rotateCredentials)
                        .hasMessage("Re-encrypted 1 credentials; 1 could not be decrypted and keep their old key");
                assertThat(rotating.credentials().load(ws, good.id())).contains(Credentials.apiKey(SECRET));
            }
        }
    }

    @Test
    void nothing_shows_a_secret_or_key() {
        vault().store(workspace, connection.id(), Credentials.apiKey(SECRET));
        Credentials loaded = vault().load(workspace, connection.id()).orElseThrow();

        for (String text : List.of(loaded.toString(), vault().toString(), settings.toString(), adapter.toString())) {
            assertThat(text).doesNotContain(SECRET).doesNotContain(new String(Backend.KEY_A,
                    java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }
}
