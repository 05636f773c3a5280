package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amdahl.connections.adapter.persistence.PostgresTestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose process was killed mid-sync: on PostgreSQL another process fails it once the
 * configured {@code CONNECTIONS_RUN_LEASE} passes (it was always the default two minutes); on the
 * default H2 file, which one process holds at a time, the restarted process fails it at once.
 */
class RunLeaseProcessIT {
    private static final String V1 = EngineProcessIT.V1;

    @TempDir
    Path dir;
    WireMockServer provider;

    @BeforeEach
    void startProvider() {
        provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        EngineProcessIT.stubPipedrive(provider);
        // the sync's first stream hangs, so the run is still running when its process is killed
        provider.stubFor(get(urlPathEqualTo("/v1/persons")).willReturn(okJson("{\"success\":true,\"data\":[]}")
                .withFixedDelay(25_000)));
    }

    @AfterEach
    void stopProvider() {
        provider.stop();
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTIONS_PIPEDRIVE_API_BASE_URL", "http://127.0.0.1:" + provider.port());
        env.put("CONNECTIONS_SCHEDULER", "off");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    /** Connects Pipedrive, asks for a sync and waits until the run is running (hung on the provider). */
    private static String[] hungSync(ServeProcess serve, String token) {
        String id = EngineProcessIT.connectPipedrive(serve, token, "Acme CRM");
        TestServer.Answer sync = serve.call("POST", V1 + "/connections/" + id + "/sync", token, null);
        assertThat(sync.status()).isEqualTo(202);
        String runId = sync.json().get("sync_run_id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> "running".equals(run(serve, token, id, runId).get("status").asText()));
        return new String[] {id, runId};
    }

    private static JsonNode run(ServeProcess serve, String token, String id, String runId) {
        for (JsonNode run : serve.call("GET", V1 + "/connections/" + id + "/runs", token, null).json().get("runs")) {
            if (run.get("id").asText().equals(runId)) {
                return run;
            }
        }
        throw new AssertionError("run " + runId + " not listed");
    }

    @Test
    void on_the_default_h2_file_a_restarted_server_fails_the_run_its_killed_predecessor_left_running_at_once() throws Exception {
        String token;
        String[] hung;
        try (ServeProcess serve = ServeProcess.start(dir, env(), "--demo")) {
            token = serve.demoToken();
            hung = hungSync(serve, token);
            serve.kill9();
        }
        try (ServeProcess restarted = ServeProcess.start(dir, env())) { // the default lease: two minutes
            long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    "failed".equals(run(restarted, token, hung[0], hung[1]).get("status").asText()));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(run(restarted, token, hung[0], hung[1]).get("error_reason").asText()).isEqualTo("transient");
            JsonNode connection = restarted.call("GET", V1 + "/connections/" + hung[0], token, null).json();
            assertThat(connection.get("status").asText()).as("released: no longer syncing").isNotEqualTo("syncing");
            assertThat(restarted.stderr()).contains("left running by a process that is gone");
            restarted.stop();
        }
    }

    @Test
    void on_postgres_another_process_fails_a_dead_process_run_after_the_configured_lease() throws Exception {
        PostgresTestDatabase.Database database = PostgresTestDatabase.freshSchema("lease");
        String[] shared = {"CONNECTIONS_DB_URL", database.url(), "CONNECTIONS_DB_USER", database.user(),
            "CONNECTIONS_DB_PASSWORD", database.password(),
            "CONNECTIONS_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]),
            "CONNECTIONS_RUN_LEASE", "PT4S", "CONNECTIONS_SCHEDULER_TICK", "PT0.2S"};
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        String token;
        String[] hung;
        try (ServeProcess survivor = ServeProcess.start(dir.resolve("b"), env(shared))) {
            try (ServeProcess killed = ServeProcess.start(dir.resolve("a"), env(shared), "--demo")) {
                token = killed.demoToken();
                hung = hungSync(killed, token);
                Thread.sleep(1_500); // a few heartbeats (every second with a 4 s lease) keep it alive meanwhile
                assertThat(run(survivor, token, hung[0], hung[1]).get("status").asText()).isEqualTo("running");
                killed.kill9();
            }
            long killedAt = System.nanoTime();
            // reaped once silent for the lease (4 s), not the default two minutes
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    "failed".equals(run(survivor, token, hung[0], hung[1]).get("status").asText()));
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(15));
            assertThat(survivor.stderr()).contains("reaped 1 run(s)");
        }
    }
}
