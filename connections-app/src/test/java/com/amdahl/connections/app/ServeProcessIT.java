package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar as an operator runs it: serve --demo, then SIGTERM. */
class ServeProcessIT {
    private static final Path JAR = Path.of("target", "connections-app.jar").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void serve_demo_answers_then_shuts_down_gracefully_on_sigterm() throws Exception {
        int port;
        try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "serve", "--demo", "--port", Integer.toString(port))
                .directory(dir.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CONNECTIONS_"));
        long started = System.nanoTime();
        Process server = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            long deadline = System.currentTimeMillis() + 30_000;
            while (!healthy(http, base)) {
                assertThat(server.isAlive()).as("the server died: %s", Files.readString(stderr)).isTrue();
                assertThat(System.currentTimeMillis()).as("healthy in time").isLessThan(deadline);
                Thread.sleep(50);
            }
            System.err.printf("serve --demo answered /healthz %d ms after the process started%n",
                    (System.nanoTime() - started) / 1_000_000);
            while (Files.readAllLines(stdout).isEmpty()) { // the demo is seeded right after the server starts
                assertThat(System.currentTimeMillis()).as("demo token in time").isLessThan(deadline);
                Thread.sleep(50);
            }
            String token = Files.readAllLines(stdout).get(0);
            assertThat(token).as("the demo admin token, alone on stdout").matches("cnx_[A-Za-z0-9_-]{43}");
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/api/platform/v1/connections"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("(demo)", "\"health\":\"rate_limited\"", "\"health\":\"needs_reauth\"",
                    "\"health\":\"degraded\"");

            server.destroy(); // SIGTERM
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
            assertThat(Files.readString(stderr, StandardCharsets.UTF_8)).contains("shutting down");
        } finally {
            server.destroyForcibly();
        }
    }

    private static boolean healthy(HttpClient http, String base) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }
}
