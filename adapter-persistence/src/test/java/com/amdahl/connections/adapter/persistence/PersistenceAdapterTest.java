package com.amdahl.connections.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersistenceAdapterTest {
    private static final String PASSWORD = "hunter2-secret";

    @Test
    void an_unreachable_database_is_reported_clearly_without_the_password() {
        PersistenceSettings settings = new PersistenceSettings(
                "jdbc:postgresql://127.0.0.1:1/connections?password=" + PASSWORD + "&connectTimeout=2", "app",
                PASSWORD, 2, Map.of("k1", Backend.KEY_A), "k1");

        assertThatThrownBy(() -> PersistenceAdapter.open(settings))
                .isInstanceOfSatisfying(ConnectionsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE))
                .hasMessageStartingWith("Cannot connect to the database at jdbc:postgresql://127.0.0.1:1/connections")
                .hasMessageNotContaining(PASSWORD)
                .hasNoCause();
    }

    @Test
    void urls_are_shown_without_their_parameters() {
        assertThat(PersistenceAdapter.redactUrl("jdbc:h2:file:./data/connections;AUTO_SERVER=TRUE;PASSWORD=x"))
                .isEqualTo("jdbc:h2:file:./data/connections");
        assertThat(PersistenceAdapter.redactUrl("jdbc:postgresql://db:5432/app?password=x"))
                .isEqualTo("jdbc:postgresql://db:5432/app");
    }

    @Test
    void opening_h2_binds_its_auto_server_to_loopback() {
        try (PersistenceAdapter adapter = PersistenceAdapter.open(new PersistenceSettings(
                "jdbc:h2:mem:bind-check;DB_CLOSE_DELAY=-1", "sa", "", 1, Map.of("k1", Backend.KEY_A), "k1"))) {
            assertThat(System.getProperty("h2.bindAddress")).isEqualTo("127.0.0.1");
            assertThat(adapter.unitOfWork()).isNotNull();
        }
    }
}
