package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sync engine as a user runs the jar: with the scheduler off a requested run still executes
 * (handed to a worker at once, not on the next tick), a handle reconnect syncs, and an API-only
 * node's requested run is executed by a worker node on the same PostgreSQL.
 */
class EngineProcessIT {
    static final String V1 = "/api/platform/v1";
    static final String KEY = "pd-process-key";

    @TempDir
    Path dir;
    WireMockServer provider;

    @BeforeEach
    void startProvider() {
        provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        stubPipedrive(provider);
        provider.stubFor(get(urlPathEqualTo("/2/users/by/username/acme")).willReturn(okJson("{\"data\":{\"id\":\"1234567890\","
                + "\"username\":\"acme\",\"name\":\"Acme Inc\",\"public_metrics\":{\"followers_count\":4200}}}")));
        // X syncs since issue 14: the reconnect's run reads the profile, posts and mentions
        provider.stubFor(get(urlPathEqualTo("/2/users/1234567890")).willReturn(okJson(
                "{\"data\":{\"id\":\"1234567890\",\"username\":\"acme\",\"name\":\"Acme Inc\"}}")));
        for (String timeline : new String[] {"tweets", "mentions"}) {
            provider.stubFor(get(urlPathEqualTo("/2/users/1234567890/" + timeline)).willReturn(okJson(
                    "{\"meta\":{\"result_count\":0}}")));
        }
    }

    static void stubPipedrive(WireMockServer provider) {
        provider.stubFor(get(urlPathEqualTo("/v1/users/me")).withHeader("x-api-token", equalTo(KEY)).willReturn(okJson(
                "{\"success\":true,\"data\":{\"id\":1,\"company_id\":777,\"company_name\":\"Acme Ltd\"}}")));
        for (String stream : new String[] {"persons", "deals", "organizations", "activities"}) {
            provider.stubFor(get(urlPathEqualTo("/v1/" + stream)).willReturn(okJson("{\"success\":true,\"data\":[{\"id\":1}],"
                    + "\"additional_data\":{\"pagination\":{\"more_items_in_collection\":false}}}")));
        }
        PipedriveStub.deletedDeals(provider, ""); // no deal deleted
    }

    @AfterEach
    void stopProvider() {
        provider.stop();
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTIONS_PIPEDRIVE_API_BASE_URL", "http://127.0.0.1:" + provider.port());
        env.put("CONNECTIONS_TWITTER_API_BASE_URL", "http://127.0.0.1:" + provider.port());
        env.put("CONNECTIONS_TWITTER_BEARER_TOKEN", "x-bearer");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    static String connectPipedrive(ServeProcess serve, String token, String name) {
        TestServer.Answer created = serve.call("POST", V1 + "/connections", token,
                "{\"connector_type\":\"pipedrive\",\"api_key\":\"" + KEY + "\",\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().at("/connection/id").asText();
    }

    private static JsonNode latestRun(ServeProcess serve, String token, String id) {
        JsonNode runs = serve.call("GET", V1 + "/connections/" + id + "/runs", token, null).json().get("runs");
        return runs.isEmpty() ? null : runs.get(0);
    }

    private static void awaitCompleted(ServeProcess serve, String token, String id, String runId) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode run = latestRun(serve, token, id);
            return run != null && run.get("id").asText().equals(runId) && run.get("status").asText().equals("completed");
        });
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void with_the_scheduler_off_a_manual_sync_and_a_handle_reconnect_run_at_once() throws Exception {
        // an hour between ticks: only the hand-off to a local worker can start these runs in time
        try (ServeProcess serve = ServeProcess.start(dir, env("CONNECTIONS_SCHEDULER", "off",
                "CONNECTIONS_SCHEDULER_TICK", "PT1H"), "--demo")) {
            String token = serve.demoToken();
            String id = connectPipedrive(serve, token, "Acme CRM");
            TestServer.Answer sync = serve.call("POST", V1 + "/connections/" + id + "/sync", token, null);
            assertThat(sync.status()).isEqualTo(202);
            assertThat(sync.json().get("status").asText()).isEqualTo("pending");
            awaitCompleted(serve, token, id, sync.json().get("sync_run_id").asText());
            assertThat(latestRun(serve, token, id).get("triggered_by").asText()).isEqualTo("manual");
            assertThat(latestRun(serve, token, id).get("records_written").asInt()).isEqualTo(4);

            String social = serve.call("POST", V1 + "/connections", token, "{\"connector_type\":\"twitter\","
                    + "\"account_handle\":\"acme\",\"external_account_id\":\"1234567890\"}").json().at("/connection/id").asText();
            assertThat(latestRun(serve, token, social)).as("connect starts no run").isNull();
            assertThat(serve.call("DELETE", V1 + "/connections/" + social, token, null).status()).isEqualTo(200);
            TestServer.Answer reconnected = serve.call("POST", V1 + "/connections/" + social + "/reconnect", token, "{}");
            assertThat(reconnected.status()).as(reconnected.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode run = latestRun(serve, token, social);
                return run != null && run.get("status").asText().equals("completed");
            });
            assertThat(latestRun(serve, token, social).get("triggered_by").asText()).isEqualTo("connect");

            assertThat(mode(dir.resolve("data"))).as("the data folder").isEqualTo("rwx------");
            assertThat(mode(dir.resolve("data/connections.mv.db"))).isEqualTo("rw-------");
            assertThat(mode(dir.resolve("data/secret.key"))).isEqualTo("rw-------");
            serve.stop();
        }
    }

    @Test
    void an_api_only_node_leaves_a_manual_sync_to_a_worker_node_on_the_same_postgres() throws Exception {
        PostgresTestDatabase.Database database = PostgresTestDatabase.freshSchema("nodes");
        String[] shared = {"CONNECTIONS_DB_URL", database.url(), "CONNECTIONS_DB_USER", database.user(),
            "CONNECTIONS_DB_PASSWORD", database.password(),
            "CONNECTIONS_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]),
            "CONNECTIONS_SCHEDULER", "off", "CONNECTIONS_SCHEDULER_TICK", "PT0.2S"};
        Files.createDirectories(dir.resolve("api"));
        Files.createDirectories(dir.resolve("worker"));
        try (ServeProcess api = ServeProcess.start(dir.resolve("api"), env(with(shared, "CONNECTIONS_SCHEDULER_WORKERS", "0")), "--demo");
                ServeProcess worker = ServeProcess.start(dir.resolve("worker"), env(with(shared, "CONNECTIONS_SCHEDULER_WORKERS", "2")))) {
            String token = api.demoToken();
            String id = connectPipedrive(api, token, "Acme CRM");
            TestServer.Answer sync = api.call("POST", V1 + "/connections/" + id + "/sync", token, null);
            assertThat(sync.status()).isEqualTo(202);
            String runId = sync.json().get("sync_run_id").asText();
            awaitCompleted(api, token, id, runId);
            // the worker logs the run after its outcome is committed: wait for the line, do not race it
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(worker.stderr()).as("the worker node executed it").contains("run " + runId));
            assertThat(api.stderr()).as("the API-only node executes nothing").doesNotContain("run " + runId);
        }
    }

    private static String[] with(String[] pairs, String name, String value) {
        String[] all = java.util.Arrays.copyOf(pairs, pairs.length + 2);
        all[pairs.length] = name;
        all[pairs.length + 1] = value;
        return all;
    }
}
