package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar as an operator runs it: serve --demo, then SIGTERM. */
class ServeProcessIT {
    @TempDir
    Path dir;

    @Test
    void serve_demo_answers_then_shuts_down_gracefully_on_sigterm() throws Exception {
        try (ServeProcess server = ServeProcess.start(dir, Map.of(), "--demo")) {
            System.err.printf("serve --demo was listening %d ms after the process started%n", server.startedMillis);
            String token = server.demoToken(); // the demo is seeded right after the server starts
            TestServer.Answer list = server.call("GET", "/api/platform/v1/connections", token, null);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body()).contains("(demo)", "\"health\":\"rate_limited\"", "\"health\":\"needs_reauth\"",
                    "\"health\":\"degraded\"");

            server.stop(); // SIGTERM
            assertThat(server.stderr()).contains("shutting down");
        }
    }

    /**
     * Issue 20: the stale and never-synced demo connections were dispatched within seconds and
     * their made-up keys sent to the real hosts. Every provider here is a recording stub, the
     * scheduler ticks five times a second: nothing reaches it, the demo keeps its looks, and a
     * manual sync or test of demo data says why it will not.
     */
    @Test
    void serve_demo_never_calls_a_provider_and_keeps_looking_as_described() throws Exception {
        com.github.tomakehurst.wiremock.WireMockServer provider = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        try {
            Map<String, String> env = new java.util.HashMap<>(Map.of("CONNECTIONS_SCHEDULER_TICK", "PT0.2S",
                    "CONNECTIONS_TWITTER_BEARER_TOKEN", "x-bearer"));
            for (String type : new String[] {"PIPEDRIVE", "HUBSPOT", "SLACK", "GMAIL", "FATHOM", "TWITTER"}) {
                env.put("CONNECTIONS_" + type + "_API_BASE_URL", "http://127.0.0.1:" + provider.port());
                env.put("CONNECTIONS_" + type + "_TOKEN_URL", "http://127.0.0.1:" + provider.port() + "/token");
            }
            try (ServeProcess server = ServeProcess.start(dir, env, "--demo")) {
                String token = server.demoToken();
                String before = healthOf(server, token);
                Thread.sleep(3_000); // fifteen scheduler ticks
                assertThat(provider.getAllServeEvents()).as("requests that reached a provider").isEmpty();
                assertThat(healthOf(server, token)).isEqualTo(before).contains("Fathom (demo)=stale");
                com.fasterxml.jackson.databind.JsonNode list = server.call("GET", "/api/platform/v1/connections", token, null).json();
                for (com.fasterxml.jackson.databind.JsonNode c : list.get("connections")) {
                    assertThat(c.get("available_actions").toString()).doesNotContain("\"sync\"", "\"test\"", "\"reconnect\"");
                    String id = c.get("id").asText();
                    TestServer.Answer sync = server.call("POST", "/api/platform/v1/connections/" + id + "/sync", token, null);
                    assertThat(sync.status()).isEqualTo(409);
                    assertThat(sync.json().at("/error/code").asText()).isEqualTo("connection_not_syncable");
                    assertThat(sync.json().at("/error/message").asText()).contains("demo connection");
                    assertThat(server.call("POST", "/api/platform/v1/connections/" + id + "/test", token, null).status())
                            .isEqualTo(409);
                }
                assertThat(provider.getAllServeEvents()).isEmpty();
                server.stop();
            }
        } finally {
            provider.stop();
        }
    }

    private static String healthOf(ServeProcess server, String token) {
        StringBuilder health = new StringBuilder();
        server.call("GET", "/api/platform/v1/connections", token, null).json().get("connections").forEach(c ->
                health.append(c.get("name").asText()).append('=').append(c.get("health").asText()).append(' '));
        return health.toString();
    }
}
