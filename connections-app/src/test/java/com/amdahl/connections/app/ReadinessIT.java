package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amdahl.connections.application.SyncSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /readyz} against a PostgreSQL server this test owns: 200 while it answers, 503 with the
 * reason in the error envelope once it is stopped, 200 again when it is back. {@code /healthz}
 * stays 200 throughout (liveness must not restart a pod for a database outage).
 */
class ReadinessIT {
    @TempDir
    Path dir;

    @Test
    void readyz_follows_the_database_while_healthz_stays_up() throws Exception {
        var binaries = ThrowawayPostgres.binaries();
        if (binaries.isEmpty()) {
            assertThat(System.getenv("CONNECTIONS_TEST_REQUIRE_PG"))
                    .as("PostgreSQL server binaries are required (CONNECTIONS_TEST_REQUIRE_PG=true)").isNotEqualTo("true");
            Assumptions.abort("PostgreSQL server binaries are not installed");
        }
        try (ThrowawayPostgres pg = ThrowawayPostgres.start(binaries.get())) {
            Map<String, String> env = new HashMap<>();
            env.put("CONNECTIONS_DB_URL", pg.url());
            env.put("CONNECTIONS_DB_USER", "postgres");
            env.put("CONNECTIONS_DB_POOL_SIZE", "2");
            env.put("CONNECTIONS_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]));
            try (TestServer app = new TestServer(env, SyncSettings.defaults())) {
                assertThat(app.get("/readyz", null).status()).isEqualTo(200);

                pg.stopServer();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    TestServer.Answer down = app.get("/readyz", null);
                    assertThat(down.status()).isEqualTo(503);
                    assertThat(down.json().at("/error/code").asText()).isEqualTo("not_ready");
                    assertThat(down.json().at("/error/message").asText()).isEqualTo("The database does not answer");
                });
                assertThat(app.get("/healthz", null).status()).isEqualTo(200);

                pg.startServer();
                await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                        assertThat(app.get("/readyz", null).status()).isEqualTo(200));
            }
        }
    }
}
