package com.amdahl.connections.adapter.rest;

import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.workspace.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A real server on a random loopback port, wired to in-memory ports, and an HTTP client to drive it. */
final class RestHarness implements AutoCloseable {
    final InMemoryPorts ports;
    final RestServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    RestHarness() {
        this(new InMemoryPorts());
    }

    RestHarness(InMemoryPorts ports) {
        this(ports, ports.app);
    }

    RestHarness(InMemoryPorts ports, ConnectionsApplication app) {
        this(ports, app, RestSettings.defaults());
    }

    RestHarness(InMemoryPorts ports, ConnectionsApplication app, RestSettings settings) {
        this.ports = ports;
        this.server = RestServer.create(app, settings).start("127.0.0.1", 0);
    }

    /** A token of a (new) member of a workspace; the workspace is created on first use. */
    String token(String workspace, String user, Role role) {
        ports.member(workspace, user, role);
        return ports.app.administration().createToken(workspace, user, false);
    }

    String readOnlyToken(String workspace, String user, Role role) {
        ports.member(workspace, user, role);
        return ports.app.administration().createToken(workspace, user, true);
    }

    String platformAdminToken() {
        return ports.app.administration().createPlatformAdminToken();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    Answer delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    Answer post(String path, String token, String json) {
        return send(request(path, token).POST(body(json)).header("Content-Type", "application/json"));
    }

    Answer patch(String path, String token, String json) {
        return send(request(path, token).method("PATCH", body(json)).header("Content-Type", "application/json"));
    }

    Answer put(String path, String token, String json) {
        return send(request(path, token).PUT(body(json)).header("Content-Type", "application/json"));
    }

    Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A response with its body parsed as JSON where it is JSON. */
    record Answer(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return Json.reader().readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + response.body(), e);
            }
        }

        String errorCode() {
            return json().path("error").path("code").asText(null);
        }

        @Override
        public String toString() {
            return response.statusCode() + " " + response.body();
        }
    }
}
