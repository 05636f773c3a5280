package com.amdahl.connections.app;

import com.amdahl.connections.adapter.rest.RestServer;
import com.amdahl.connections.adapter.rest.RestSettings;
import com.amdahl.connections.app.ops.Metrics;
import com.amdahl.connections.application.SyncEngineRunner;
import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.out.Telemetry;
import com.amdahl.connections.domain.workspace.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real app in-process: H2 (or the given JDBC URL), the real providers pointed at WireMock, the
 * REST server on a random loopback port, and the sync engine's loops (ticked by hand unless
 * {@link #tickEvery} starts its timer; requested runs go to its two workers at once).
 */
final class TestServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final ConnectionsRuntime runtime;
    final RestServer server;
    SyncEngineRunner engine;
    final String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    TestServer(Map<String, String> env, SyncSettings sync) {
        this(env, sync, null);
    }

    /** With {@code metrics} (may be null) wired as {@code serve} wires them: telemetry, pool, requests, fleet. */
    TestServer(Map<String, String> env, SyncSettings sync, Metrics metrics) {
        this(env, sync, metrics, false);
    }

    /** With MCP at {@code /mcp} beside REST, as {@code serve} mounts it. */
    static TestServer withMcp(Map<String, String> env, SyncSettings sync) {
        return new TestServer(env, sync, null, true);
    }

    private TestServer(Map<String, String> env, SyncSettings sync, Metrics metrics, boolean mcp) {
        AppConfig config = AppConfig.fromEnvironment(env, "127.0.0.1", 0).withResolvedPort();
        this.runtime = ConnectionsRuntime.open(config, sync, metrics == null ? Telemetry.NONE : metrics.telemetry());
        RestSettings settings = RestSettings.defaults();
        if (metrics != null) {
            runtime.persistence.observePool(metrics.registry());
            metrics.watchFleet(runtime.app.operations(), Duration.ZERO, Clock.systemUTC())
                    .watchOutbox(runtime.app.notifications().delivery());
            settings = settings.withRequestObserver(metrics.requests());
        }
        if (mcp) {
            settings = McpWiring.withMcp(settings, runtime.app, McpWiring.origins(config));
        }
        this.server = RestServer.create(runtime.app, settings).start("127.0.0.1", config.port());
        this.base = "http://127.0.0.1:" + server.port();
        this.engine = runtime.app.startSyncEngine(new SyncEngineRunner.Options(true, 2, null));
    }

    /** Replaces the hand-ticked loops with ones ticking on their own timer. */
    void tickEvery(Duration tick) {
        engine.close();
        engine = runtime.app.startSyncEngine(new SyncEngineRunner.Options(true, 2, tick));
    }

    /** The environment for an H2 file under {@code dir} with every provider pointed at {@code providerBase}. */
    static Map<String, String> env(Path dir, String providerBase) {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTIONS_DB_URL", "jdbc:h2:file:" + dir.resolve("connections"));
        env.put("CONNECTIONS_CONSOLE_ORIGINS", "https://console.acme.test");
        for (String type : new String[] {"PIPEDRIVE", "HUBSPOT", "SLACK"}) {
            env.put("CONNECTIONS_" + type + "_API_BASE_URL", providerBase);
        }
        env.put("CONNECTIONS_HUBSPOT_CLIENT_ID", "hubspot-client");
        env.put("CONNECTIONS_HUBSPOT_CLIENT_SECRET", "hubspot-SECRET");
        env.put("CONNECTIONS_HUBSPOT_AUTHORIZE_URL", providerBase + "/oauth/authorize");
        env.put("CONNECTIONS_HUBSPOT_TOKEN_URL", providerBase + "/oauth/v1/token");
        return env;
    }

    /** The environment for two or more instances on one PostgreSQL schema, with Pipedrive at {@code providerBase}. */
    static Map<String, String> postgresEnv(com.amdahl.connections.adapter.persistence.PostgresTestDatabase.Database database,
            String providerBase) {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTIONS_DB_URL", database.url());
        env.put("CONNECTIONS_DB_USER", database.user());
        env.put("CONNECTIONS_DB_PASSWORD", database.password());
        env.put("CONNECTIONS_DB_POOL_SIZE", "6");
        env.put("CONNECTIONS_SECRET_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        env.put("CONNECTIONS_PIPEDRIVE_API_BASE_URL", providerBase);
        return env;
    }

    /** Creates the workspace and member and returns a token for them. */
    String token(String workspace, String user, Role role, boolean readOnly) {
        runtime.app.administration().createWorkspace(workspace, workspace);
        runtime.app.administration().addMember(workspace, user, role);
        return runtime.app.administration().createToken(workspace, user, readOnly);
    }

    record Answer(int status, String body, Map<String, java.util.List<String>> headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), java.util.List.of()).stream()
                    .findFirst().orElse(null);
        }
    }

    Answer call(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Answer get(String path, String token) {
        return call("GET", path, token, null);
    }

    Answer post(String path, String token, String body) {
        return call("POST", path, token, body);
    }

    /**
     * {@code POST /connections/:id/sync} with {@code body} as {@code token} (it must be accepted),
     * the run drained, then the connection's status document.
     */
    JsonNode syncAndStatus(String id, String token, String body) {
        Answer requested = post("/api/platform/v1/connections/" + id + "/sync", token, body);
        if (requested.status() != 202) {
            throw new AssertionError("sync answered " + requested.status() + ": " + requested.body());
        }
        tickAndDrain();
        return get("/api/platform/v1/connections/" + id + "/status", token).json();
    }

    /** One scheduler tick, then waits until no run is queued or running on this process. */
    void tickAndDrain() {
        engine.tick();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            if (runtime.app.syncEngine().pendingRuns(1).isEmpty() && engine.idle()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            engine.tick();
        }
        throw new AssertionError("runs did not finish in time");
    }

    @Override
    public void close() {
        server.stop();
        runtime.close();
    }
}
