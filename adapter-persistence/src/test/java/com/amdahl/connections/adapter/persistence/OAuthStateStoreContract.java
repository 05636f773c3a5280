package com.amdahl.connections.adapter.persistence;

import static com.amdahl.connections.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.port.out.OAuthState;
import com.amdahl.connections.application.port.out.OAuthStateStore;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.UserId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link OAuthStateStore} must do. */
abstract class OAuthStateStoreContract extends DatabaseContract {

    OAuthStateStore states() {
        return adapter.oauthStates();
    }

    private OAuthState state(Instant expiresAt) {
        return new OAuthState(Fixtures.newId("h"), workspace, new UserId("u-1"), new ConnectionId(Fixtures.newId("c")),
                "hubspot", true, "https://console.example/connections", "verifier-secret", T0, expiresAt, null);
    }

    @Test
    void a_state_round_trips_and_is_found_by_hash_alone() {
        OAuthState state = state(T0.plusSeconds(600));
        states().save(state);

        assertThat(states().find(state.stateHash())).contains(state);
        assertThat(states().find("unknown-hash")).isEmpty();
    }

    @Test
    void the_pkce_verifier_is_stored_sealed_and_opens_only_on_its_own_row() {
        OAuthState mine = state(T0.plusSeconds(600));
        OAuthState other = state(T0.plusSeconds(600));
        states().save(mine);
        states().save(other);
        java.util.Map<String, Object> row = adapter.jdbi().withHandle(h -> h.createQuery(
                "SELECT * FROM oauth_states WHERE state_hash = :h").bind("h", mine.stateHash()).mapToMap().one());
        assertThat(row.toString()).doesNotContain("verifier-secret");
        assertThat(row.get("verifier_key_id")).isEqualTo(settings.currentKeyId());

        adapter.jdbi().useHandle(h -> h.createUpdate("UPDATE oauth_states SET verifier_nonce = :n,"
                        + " verifier_ciphertext = :c WHERE state_hash = :h")
                .bind("n", row.get("verifier_nonce")).bind("c", row.get("verifier_ciphertext"))
                .bind("h", other.stateHash()).execute());
        assertThat(states().find(other.stateHash())).as("a verifier moved to another state").isEmpty();
        assertThat(states().find(mine.stateHash()).orElseThrow().codeVerifier()).isEqualTo("verifier-secret");
    }

    @Test
    void rotation_re_seals_verifiers_under_the_new_key() {
        PersistenceSettings fresh = backend().freshSettings();
        OAuthState state;
        try (PersistenceAdapter old = PersistenceAdapter.open(fresh)) {
            state = new OAuthState(Fixtures.newId("h"), Fixtures.newWorkspace(old), new UserId("u-1"),
                    new ConnectionId(Fixtures.newId("c")), "hubspot", false, null, "verifier-secret", T0,
                    T0.plusSeconds(600), null);
            old.oauthStates().save(state);
        }
        try (PersistenceAdapter rotating = PersistenceAdapter.open(Backend.withKeys(fresh,
                java.util.Map.of("k1", Backend.KEY_A, "k2", Backend.KEY_B), "k2"))) {
            assertThat(rotating.rotateCredentials()).isEqualTo(1);
        }
        try (PersistenceAdapter onlyNewKey = PersistenceAdapter.open(Backend.withKeys(fresh,
                java.util.Map.of("k2", Backend.KEY_B), "k2"))) {
            assertThat(onlyNewKey.oauthStates().find(state.stateHash()).orElseThrow().codeVerifier())
                    .isEqualTo("verifier-secret");
        }
    }

    @Test
    void a_state_is_consumed_once() {
        OAuthState state = state(T0.plusSeconds(600));
        states().save(state);

        assertThat(states().markUsed(state.stateHash(), T0.plusSeconds(5))).isTrue();
        assertThat(states().markUsed(state.stateHash(), T0.plusSeconds(6))).isFalse();
        assertThat(states().find(state.stateHash()).orElseThrow().usedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(states().markUsed("unknown-hash", T0)).isFalse();
    }

    @Test
    void of_two_racing_callbacks_exactly_one_consumes_the_state() throws Exception {
        for (int round = 0; round < 5; round++) {
            OAuthState state = state(T0.plusSeconds(600));
            states().save(state);
            CountDownLatch start = new CountDownLatch(1);
            Callable<Boolean> consume = () -> {
                start.await();
                return states().markUsed(state.stateHash(), T0.plusSeconds(1));
            };
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Boolean> a = pool.submit(consume);
                Future<Boolean> b = pool.submit(consume);
                start.countDown();
                assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(true, false);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void expired_states_are_deleted() {
        OAuthState expired = state(T0.minusSeconds(1));
        OAuthState live = state(T0.plusSeconds(600));
        states().save(expired);
        states().save(live);

        assertThat(states().deleteExpired(T0)).isGreaterThanOrEqualTo(1);
        assertThat(states().find(expired.stateHash())).isEmpty();
        assertThat(states().find(live.stateHash())).contains(live);
    }
}
