package com.amdahl.connections.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.domain.workspace.ConnectionId;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MCP 2026-07-28 on {@code /mcp}, on the wire: discover, stateless lists and reads with cache
 * hints, the era's not-found, listen, and its refusals as clean JSON-RPC errors (never a 5xx).
 */
class McpStatelessHttpIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static McpHarness h;

    @BeforeAll
    static void start() {
        h = new McpHarness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    static Map<String, Object> meta(String version) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("io.modelcontextprotocol/protocolVersion", version);
        meta.put("io.modelcontextprotocol/clientCapabilities", Map.of());
        meta.put("io.modelcontextprotocol/clientInfo", Map.of("name", "raw", "version", "1"));
        return meta;
    }

    static String body(String method, Map<String, Object> params) throws Exception {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", 7);
        message.put("method", method);
        message.put("params", params);
        return McpJsonDefaults.getMapper().writeValueAsString(message);
    }

    static HttpRequest.Builder post(String token, String body) {
        return HttpRequest.newBuilder(URI.create(h.url())).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** A well-formed 2026 request: version header and body agree, Mcp-Method (and Mcp-Name for a read) set. */
    static HttpResponse<String> call(String token, String method, Map<String, Object> params) throws Exception {
        Map<String, Object> full = new LinkedHashMap<>(params);
        full.put("_meta", meta(StatelessEra.VERSION));
        HttpRequest.Builder request = post(token, body(method, full)).header("Mcp-Method", method)
                .header("MCP-Protocol-Version", StatelessEra.VERSION);
        if (params.get("uri") instanceof String uri) {
            request.header("Mcp-Name", uri);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return McpJsonDefaults.getMapper().readValue(response.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> result(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (Map<String, Object>) json(response).get("result");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> error(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 499);
        assertThat(response.body()).doesNotContain("at com.").doesNotContain("Exception");
        return (Map<String, Object>) json(response).get("error");
    }

    @Test
    @SuppressWarnings("unchecked")
    void discover_offers_both_versions_newest_first_with_resources_and_subscriptions() throws Exception {
        Map<String, Object> discover = result(call(h.aliceToken, "server/discover", Map.of()));
        assertThat(discover.get("supportedVersions")).isEqualTo(List.of("2026-07-28", "2025-11-25"));
        Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) discover.get("capabilities"))
                .get("resources");
        assertThat(resources.get("subscribe")).isEqualTo(true);
        assertThat(((Map<String, Object>) discover.get("capabilities"))).doesNotContainKeys("tools", "prompts");
    }

    @Test
    @SuppressWarnings("unchecked")
    void lists_and_reads_carry_private_cache_hints_and_the_rest_bytes() throws Exception {
        Map<String, Object> list = result(call(h.aliceToken, "resources/list", Map.of()));
        assertThat((List<Map<String, Object>>) list.get("resources")).extracting(r -> r.get("uri"))
                .containsExactly("connection://catalog", "connection://list");
        assertThat(list).containsEntry("cacheScope", "private").containsKey("ttlMs");
        Map<String, Object> templates = result(call(h.aliceToken, "resources/templates/list", Map.of()));
        assertThat((List<Map<String, Object>>) templates.get("resourceTemplates")).hasSize(4);
        String uri = "connection://" + h.pipedrive + "/status";
        Map<String, Object> read = result(call(h.aliceToken, "resources/read", Map.of("uri", uri)));
        assertThat(read).containsEntry("cacheScope", "private");
        long ttl = ((Number) read.get("ttlMs")).longValue();
        assertThat(ttl).isBetween(0L, 60_000L);
        Map<String, Object> content = ((List<Map<String, Object>>) read.get("contents")).get(0);
        assertThat(content).containsEntry("uri", uri).containsEntry("mimeType", "application/json");
        assertThat(content.get("text")).isEqualTo(h.ports.app.documents().status(com.amdahl.connections.application.testing.InMemoryPorts.readOnly(h.alice), h.pipedrive).text());
    }

    @Test
    @SuppressWarnings("unchecked")
    void another_workspaces_id_and_a_random_id_are_the_same_minus_32602() throws Exception {
        for (String uri : List.of("connection://" + h.globexConnection + "/status", "connection://no-such-id/status")) {
            Map<String, Object> error = error(call(h.aliceToken, "resources/read", Map.of("uri", uri)));
            assertThat(error).containsEntry("code", -32602).containsEntry("message", "Resource not found")
                    .containsEntry("data", Map.of("uri", uri));
        }
    }

    @Test
    void a_2026_request_without_mcp_method_a_bad_version_and_an_unknown_method_are_clean_json_rpc_errors()
            throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("_meta", meta(StatelessEra.VERSION));
        HttpResponse<String> noHeader = HTTP.send(post(h.aliceToken, body("resources/list", params))
                .header("MCP-Protocol-Version", StatelessEra.VERSION).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(error(noHeader)).containsEntry("code", -32020);
        assertThat(json(noHeader)).containsEntry("id", 7);

        params.put("_meta", meta("1999-01-01"));
        HttpResponse<String> badVersion = HTTP.send(post(h.aliceToken, body("resources/list", params))
                .header("Mcp-Method", "resources/list").header("MCP-Protocol-Version", "1999-01-01").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(error(badVersion)).containsEntry("code", -32022);

        HttpResponse<String> unknown = call(h.aliceToken, "tools/list", Map.of());
        assertThat(error(unknown)).containsEntry("code", -32601);

        HttpResponse<String> noMeta = HTTP.send(post(h.aliceToken, body("server/discover", Map.of()))
                .header("Mcp-Method", "server/discover").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(error(noMeta)).containsEntry("code", -32602);
    }

    @Test
    void an_initialize_with_mcp_method_but_no_meta_version_opens_a_2025_session() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("protocolVersion", "2025-11-25");
        params.put("capabilities", Map.of());
        params.put("clientInfo", Map.of("name", "raw", "version", "1"));
        HttpResponse<String> initialize = HTTP.send(post(h.aliceToken, body("initialize", params))
                .header("Mcp-Method", "initialize").header("MCP-Protocol-Version", "2025-11-25").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(initialize.statusCode()).as(initialize.body()).isEqualTo(200);
        assertThat(initialize.headers().firstValue("Mcp-Session-Id")).isPresent();
        assertThat(initialize.body()).contains("\"protocolVersion\":\"2025-11-25\"");

        params.put("_meta", meta(StatelessEra.VERSION)); // with a 2026 version it is that era's removed method
        HttpResponse<String> removed = HTTP.send(post(h.aliceToken, body("initialize", params))
                .header("Mcp-Method", "initialize").header("MCP-Protocol-Version", StatelessEra.VERSION).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(removed.statusCode()).isEqualTo(404);
        assertThat(error(removed)).containsEntry("code", -32601);
    }

    @Test
    void the_gate_stands_before_the_2026_era_too() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("_meta", meta(StatelessEra.VERSION));
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(h.url()))
                .header("Content-Type", "application/json").header("Mcp-Method", "server/discover")
                .POST(HttpRequest.BodyPublishers.ofString(body("server/discover", params))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> rebinding = HTTP.send(post(h.aliceToken, body("server/discover", params))
                .header("Mcp-Method", "server/discover").header("Origin", "https://evil.example").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rebinding.statusCode()).isEqualTo(403);
    }

    @Test
    void listen_hears_a_status_change_of_its_own_workspace_only() throws Exception {
        String mine = "connection://" + h.fathom + "/status";
        String foreign = "connection://" + h.globexConnection + "/status";
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("notifications", Map.of("resourceSubscriptions", List.of(mine, foreign)));
        params.put("_meta", meta(StatelessEra.VERSION));
        HttpRequest listen = post(h.aliceToken, body("subscriptions/listen", params))
                .header("Mcp-Method", "subscriptions/listen").header("MCP-Protocol-Version", StatelessEra.VERSION)
                .build();
        HttpResponse<InputStream> stream = HTTP.send(listen, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data: ")) {
                        events.add(line.substring(6));
                    }
                }
            } catch (java.io.IOException closed) {
                // the test ended the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        String ack = events.poll(10, TimeUnit.SECONDS);
        assertThat(ack).contains("notifications/subscriptions/acknowledged");
        h.ports.app.manage().requestSync(h.mallory, new ConnectionId(h.globexConnection));
        h.ports.app.manage().requestSync(h.alice, new ConnectionId(h.fathom));
        String heard = events.poll(10, TimeUnit.SECONDS);
        assertThat(heard).contains("notifications/resources/updated").contains(mine);
        assertThat(events.poll(2500, TimeUnit.MILLISECONDS)).as("nothing of another workspace").isNull();
        stream.body().close();
    }
}
