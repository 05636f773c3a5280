package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.rest.RestServer;
import com.amdahl.connections.adapter.rest.RestSettings;
import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.out.Telemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} listens before it migrates: liveness answers at once, readiness says migrations are
 * running, and everything else (the API, {@code /mcp}) waits until the schema is this build's.
 */
class SchemaGateIT {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void until_the_schema_is_migrated_only_the_probes_answer_and_the_rest_waits() throws Exception {
        AppConfig config = AppConfig.fromEnvironment(Map.of("CONNECTIONS_DB_URL",
                "jdbc:h2:file:" + dir.resolve("connections") + ";AUTO_SERVER=TRUE"));
        SchemaGate gate = new SchemaGate();
        try (ConnectionsRuntime runtime = ConnectionsRuntime.connect(config, SyncSettings.defaults(), Telemetry.NONE)) {
            RestServer server = RestServer.create(runtime.app, McpWiring.withMcp(RestSettings.defaults(), runtime.app,
                    McpWiring.origins(config), gate).withExtraConfig(gate.onRoutes())).start("127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + server.port();
                assertThat(send(base + "/healthz", "GET").join().statusCode()).isEqualTo(200);
                HttpResponse<String> migrating = send(base + "/readyz", "GET").join();
                assertThat(migrating.statusCode()).isEqualTo(503);
                assertThat(migrating.body()).contains("Database migrations are being applied");
                CompletableFuture<HttpResponse<String>> api = send(base + "/api/platform/v1/connections", "GET");
                CompletableFuture<HttpResponse<String>> mcp = send(base + "/mcp", "POST");

                Thread.sleep(300); // long enough for an answer that did not wait
                assertThat(api).isNotDone();
                assertThat(mcp).isNotDone();

                runtime.migrate();
                gate.open();

                assertThat(api.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(401); // through the gate: no token
                assertThat(mcp.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
                assertThat(send(base + "/readyz", "GET").join().statusCode()).isEqualTo(200);
            } finally {
                server.stop();
            }
        }
    }

    private CompletableFuture<HttpResponse<String>> send(String url, String method) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.ofString(
                method.equals("POST") ? "{}" : "")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
