package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar killed with SIGKILL after a disconnect committed and before its notification
 * went out (that process delivers nothing: CONNECTIONS_NOTIFY_WORKER=off): the next process on
 * the same database delivers it.
 */
class NotificationsProcessIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Process serve(int port, boolean worker, Path stdout) throws IOException {
        List<String> command = JarCommand.java();
        command.addAll(List.of("serve", "--demo", "--port", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile()).redirectOutput(stdout.toFile())
                .redirectError(dir.resolve(stdout.getFileName() + ".err").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CONNECTIONS_"));
        builder.environment().putAll(Map.of("CONNECTIONS_SCHEDULER", "off", "CONNECTIONS_NOTIFY_ALLOW_HTTP", "true",
                "CONNECTIONS_NOTIFY_ALLOW_PRIVATE", "true", "CONNECTIONS_NOTIFY_WORKER", worker ? "on" : "off",
                "CONNECTIONS_NOTIFY_TICK", "PT0.1S"));
        return builder.start();
    }

    private HttpResponse<String> call(String method, String url, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean healthy(String base) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Test
    void a_notification_committed_before_a_kill_9_is_delivered_after_restart() throws Exception {
        int port;
        try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        String api = base + "/api/platform/v1";
        try (Receiver receiver = new Receiver()) {
            Path firstOut = dir.resolve("first.out");
            Process first = serve(port, false, firstOut);
            String token;
            String secret;
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> first.isAlive() && healthy(base)
                        && !Files.readAllLines(firstOut).isEmpty());
                token = Files.readAllLines(firstOut).get(0);
                HttpResponse<String> created = call("POST", api + "/notification-endpoints", token,
                        "{\"url\":\"" + receiver.url() + "/hook\",\"events\":[\"connection.disconnected\"]}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                JsonNode endpoint = TestServer.JSON.readTree(created.body());
                secret = endpoint.path("signing_secret").asText();
                JsonNode connections = TestServer.JSON.readTree(call("GET", api + "/connections", token, null).body());
                String id = connections.path("connections").path(0).path("id").asText();
                assertThat(call("DELETE", api + "/connections/" + id, token, null).statusCode()).isEqualTo(200);
                JsonNode log = TestServer.JSON.readTree(call("GET", api + "/notification-endpoints/"
                        + endpoint.path("id").asText() + "/deliveries", token, null).body());
                assertThat(log.path("deliveries").path(0).path("state").asText()).isEqualTo("pending");
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook runs
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(receiver.received()).isEmpty();

            Process second = serve(port, true, dir.resolve("second.out"));
            try {
                try {
                    await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() == 1);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("not delivered after the restart; its log:\n"
                            + Files.readString(dir.resolve("second.out.err")), e);
                }
                Receiver.Delivery delivery = receiver.received().get(0);
                assertThat(delivery.signedWith(secret)).isTrue();
                assertThat(delivery.body()).contains("\"type\":\"connection.disconnected\"");
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
                second.destroyForcibly();
            }
        }
    }
}
