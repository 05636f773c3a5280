package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar with {@code CONNECTIONS_LOG_FORMAT=json} and a management port: stderr is one
 * JSON object per line, a request's lines carry its request, workspace and connection ids, a
 * sync run's lines its run id, no line carries the API key or the token, and {@code /metrics}
 * answers on the management port.
 */
class JsonLogsProcessIT {
    private static final String KEY = "pd-SECRET-json-logs-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void serve_writes_parseable_json_lines_with_ids_and_no_secret() throws Exception {
        WireMockServer provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        provider.stubFor(get(urlPathEqualTo("/v1/users/me")).withHeader("x-api-token", equalTo(KEY)).willReturn(okJson(
                "{\"success\":true,\"data\":{\"id\":1,\"company_id\":777,\"company_name\":\"Acme Ltd\"}}")));
        for (String stream : new String[] {"persons", "deals", "organizations", "activities"}) {
            provider.stubFor(get(urlPathEqualTo("/v1/" + stream)).willReturn(okJson("{\"success\":true,\"data\":[{\"id\":1}],"
                    + "\"additional_data\":{\"pagination\":{\"more_items_in_collection\":false}}}")));
        }
        PipedriveStub.deletedDeals(provider, ""); // no deal deleted
        int port = freePort();
        int managementPort = freePort();
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        List<String> command = JarCommand.java();
        command.addAll(List.of("serve", "--demo", "--port", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CONNECTIONS_"));
        builder.environment().put("CONNECTIONS_LOG_FORMAT", "json");
        builder.environment().put("CONNECTIONS_MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().put("CONNECTIONS_SCHEDULER_TICK", "PT0.2S");
        builder.environment().put("CONNECTIONS_PIPEDRIVE_API_BASE_URL", "http://127.0.0.1:" + provider.port());
        Process server = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port + "/api/platform/v1";
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !server.isAlive() || Files.readAllLines(stdout).size() > 0);
            assertThat(server.isAlive()).as("the server died: %s", Files.readString(stderr)).isTrue();
            String token = Files.readAllLines(stdout).get(0);

            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/connections"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"connector_type\":\"pipedrive\",\"api_key\":\"" + KEY + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = JSON.readTree(created.body()).at("/connection/id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(http.send(
                    HttpRequest.newBuilder(URI.create(base + "/connections/" + id + "/status"))
                            .header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).at("/last_run/status").asText().equals("completed"));

            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("connections_sync_runs_finished_total{connector_type=\"pipedrive\"",
                    "hikaricp_connections", "jvm_memory_used_bytes");

            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            server.destroy(); // SIGTERM
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(stderr, StandardCharsets.UTF_8);
            assertThat(log).doesNotContain(KEY).doesNotContain(token);
            List<JsonNode> lines = new ArrayList<>();
            for (String line : log.split("\n")) {
                if (!line.isBlank()) {
                    JsonNode parsed = JSON.readTree(line); // throws on anything but one JSON object
                    assertThat(parsed.isObject()).as(line).isTrue();
                    assertThat(parsed.has("timestamp") && parsed.has("level") && parsed.has("logger")
                            && parsed.has("message")).as(line).isTrue();
                    lines.add(parsed);
                }
            }
            assertThat(lines).as("probes are not logged unless CONNECTIONS_LOG_PROBES asks")
                    .noneSatisfy(line -> assertThat(line.path("message").asText()).startsWith("GET /healthz"));
            assertThat(lines.get(lines.size() - 1).path("message").asText())
                    .as("the asynchronous log is written out before the process exits").isEqualTo("stopped");
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.path("message").asText()).startsWith("GET /api/platform/v1/connections/{id}/status 200");
                assertThat(line.path("request_id").asText()).isNotBlank();
                assertThat(line.path("workspace_id").asText()).isEqualTo("demo");
                assertThat(line.path("connection_id").asText()).isEqualTo(id);
            });
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.path("message").asText()).contains("completed");
                assertThat(line.path("run_id").asText()).isNotBlank();
                assertThat(line.path("workspace_id").asText()).isEqualTo("demo");
                assertThat(line.path("connection_id").asText()).isEqualTo(id);
            });
        } finally {
            server.destroyForcibly();
            provider.stop();
        }
    }

    private static int freePort() throws Exception {
        try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
