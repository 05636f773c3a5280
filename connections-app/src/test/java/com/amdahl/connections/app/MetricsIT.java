package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.persistence.PostgresTestDatabase;
import com.amdahl.connections.app.ops.ManagementServer;
import com.amdahl.connections.app.ops.Metrics;
import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.domain.workspace.Role;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /metrics} on the management listener after a known sequence: connect, one completed
 * run, one run failed by a 429, a credential test. Counters must have moved by exactly what
 * happened (provider calls checked against WireMock's own journal), and no label value may name a
 * workspace, connection or user, nor any token. On H2 and on PostgreSQL.
 */
class MetricsIT {
    private static final String V1 = "/api/platform/v1";
    private static final String WORKSPACE = "ws-metrics-7f3a";
    private static final String USER = "user-metrics-9c1e";
    private static final String KEY = "pd-SECRET-metrics-key";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*\\})? (\\S+)$");

    @TempDir
    Path dir;
    private WireMockServer provider;
    private TestServer app;
    private ManagementServer management;

    @AfterEach
    void stop() {
        if (management != null) {
            management.close();
        }
        if (app != null) {
            app.close();
        }
        provider.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void counters_move_by_what_happened_and_no_label_names_a_tenant(String database) throws Exception {
        provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        Map<String, String> env = TestServer.env(dir, "http://127.0.0.1:" + provider.port());
        if (database.equals("postgresql")) {
            PostgresTestDatabase.Database pg = PostgresTestDatabase.freshSchema("metrics");
            env.put("CONNECTIONS_DB_URL", pg.url());
            env.put("CONNECTIONS_DB_USER", pg.user());
            env.put("CONNECTIONS_DB_PASSWORD", pg.password());
            env.put("CONNECTIONS_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        }
        Metrics metrics = new Metrics().withJvmMeters();
        app = new TestServer(env, SyncSettings.defaults(), metrics);
        management = ManagementServer.start("127.0.0.1", 0, metrics, false);
        String token = app.token(WORKSPACE, USER, Role.ADMIN, false);

        provider.stubFor(get(urlPathEqualTo("/v1/users/me")).withHeader("x-api-token", equalTo(KEY)).willReturn(okJson(
                "{\"success\":true,\"data\":{\"id\":1,\"company_id\":777,\"company_name\":\"Acme Ltd\"}}")));
        streams(200);
        TestServer.Answer created = app.post(V1 + "/connections", token,
                "{\"connector_type\":\"pipedrive\",\"api_key\":\"" + KEY + "\"}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().at("/connection/id").asText();
        app.tickAndDrain(); // the first run completes: 4 streams x 2 records

        streams(429);
        assertThat(app.post(V1 + "/connections/" + id + "/sync", token, null).status()).isEqualTo(202);
        app.tickAndDrain(); // every stream is rate limited: the run fails with rate_limit
        assertThat(app.post(V1 + "/connections/" + id + "/test", token, null).json().path("ok").asBoolean()).isTrue();

        String text = scrape();
        Map<String, Double> samples = parse(text);
        String pd = "connector_type=\"pipedrive\"";
        assertThat(samples).containsEntry(
                "connections_sync_runs_finished_total{" + pd + ",error_reason=\"none\",status=\"completed\"}", 1.0);
        assertThat(samples).containsEntry(
                "connections_sync_runs_finished_total{" + pd + ",error_reason=\"rate_limit\",status=\"failed\"}", 1.0);
        assertThat(samples).containsEntry("connections_sync_records_written_total{" + pd + "}", 8.0);
        assertThat(samples).containsEntry("connections_sync_run_duration_seconds_count{" + pd + ",status=\"completed\"}", 1.0);
        assertThat(samples).containsEntry("connections_credential_tests_total{" + pd + ",outcome=\"ok\"}", 1.0);

        assertThat(samples.get("connections_provider_calls_seconds_count{outcome=\"rate_limited\",provider=\"Pipedrive\"}"))
                .isEqualTo((double) answered(429));
        assertThat(samples.get("connections_provider_calls_seconds_count{outcome=\"ok\",provider=\"Pipedrive\"}"))
                .isEqualTo((double) answered(200));
        assertThat(answered(429)).as("the 429s happened").isGreaterThanOrEqualTo(4);
        assertThat(samples.get("connections_provider_rate_limited_total{" + pd + "}"))
                .as("every 429 counted per connector type").isEqualTo((double) answered(429));
        assertThat(samples.get("connections_rate_budget_waits_total{" + pd + "}"))
                .as("requests held by the account's budget after the 429s").isGreaterThanOrEqualTo(1.0);
        assertThat(samples).containsKey("connections_rate_budget_wait_seconds_total{" + pd + "}");

        assertThat(samples).containsEntry("http_server_requests_seconds_count{method=\"POST\",route=\""
                + V1 + "/connections\",status_class=\"2xx\"}", 1.0);
        assertThat(samples).containsEntry("http_server_requests_seconds_count{method=\"POST\",route=\""
                + V1 + "/connections/{id}/sync\",status_class=\"2xx\"}", 1.0);
        assertThat(samples).containsKey("http_server_requests_seconds_bucket{method=\"POST\",route=\""
                + V1 + "/connections\",status_class=\"2xx\",le=\"0.1\"}");

        assertThat(samples).containsEntry("connections_by_status{" + pd + ",status=\"error\"}", 1.0);
        assertThat(samples).containsEntry("connections_by_health{" + pd + ",health=\"rate_limited\"}", 1.0);
        assertThat(samples).containsEntry("connections_sync_runs_in_flight{status=\"pending\"}", 0.0);
        assertThat(samples).containsEntry("connections_sync_runs_in_flight{status=\"running\"}", 0.0);
        assertThat(samples).containsKey("connections_scheduler_lag_seconds{" + pd + "}");
        assertThat(samples).as("no endpoint, nothing waits").containsEntry("connections_notifications_outbox_pending", 0.0);
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("hikaricp_connections_active{pool=\"connections-db\"}"));
        assertThat(samples.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"));

        for (String forbidden : new String[] {WORKSPACE, USER, id, token, KEY}) {
            assertThat(text).as("metrics never name %s", forbidden).doesNotContain(forbidden);
        }
        assertThat(labelValues(text)).allSatisfy(value -> assertThat(value)
                .doesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                .doesNotStartWith("cnx_"));
    }

    private void streams(int status) {
        PipedriveStub.deletedDeals(provider, ""); // no deal deleted
        for (String stream : new String[] {"persons", "deals", "organizations", "activities"}) {
            provider.stubFor(get(urlPathEqualTo("/v1/" + stream)).willReturn(status == 200
                    ? okJson("{\"success\":true,\"data\":[{\"id\":1},{\"id\":2}],"
                            + "\"additional_data\":{\"pagination\":{\"more_items_in_collection\":false}}}")
                    : aResponse().withStatus(status).withHeader("Retry-After", "0").withBody("{\"success\":false}")));
        }
    }

    /** How many requests WireMock answered with {@code status}. */
    private long answered(int status) {
        return provider.getAllServeEvents().stream().map(ServeEvent::getResponse)
                .filter(r -> r.getStatus() == status).count();
    }

    private String scrape() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + management.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return answer.body();
    }

    /** Every sample line as "name{labels}" to its value. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }

    private static java.util.List<String> labelValues(String text) {
        java.util.List<String> values = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("[a-zA-Z_]+=\"([^\"]*)\"").matcher(text);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
