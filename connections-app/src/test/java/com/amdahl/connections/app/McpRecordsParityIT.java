package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.domain.workspace.Role;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ResourceContents;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.SubscribeRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code connection://{id}/records/{stream}} on the real app after a real Pipedrive sync (on
 * WireMock): byte for byte the REST body of the same stream, page and cursor, for an admin and a
 * member; a read-only token gets the insufficient-scope refusal, another workspace the same
 * resource-not-found as a random id; a subscription is told when its stream changes.
 */
class McpRecordsParityIT {
    private static final String V1 = "/api/platform/v1";
    private static final String KEY = "pd-mcp-key";

    @TempDir
    Path dir;
    PipedriveStub provider;
    TestServer app;
    String admin;
    String id;

    @BeforeEach
    void start() {
        provider = new PipedriveStub(KEY);
        app = TestServer.withMcp(TestServer.env(dir, provider.origin()), SyncSettings.defaults());
        admin = app.token("acme", "alice", Role.ADMIN, false);
        stream("persons", "{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bob \\\"B\\\" é\"},{\"id\":3,\"name\":\"Cy\"}");
        stream("deals", "{\"id\":10,\"title\":\"Big\"},{\"id\":11,\"title\":\"Small\"}");
        id = PipedriveStub.connected(app, admin, KEY, "Acme CRM");
    }

    @AfterEach
    void stop() {
        app.close();
        provider.close();
    }

    private void stream(String name, String items) {
        provider.stream(name, items);
    }

    private McpSyncClient mcp(String token) {
        return mcp(token, contents -> { });
    }

    private McpSyncClient mcp(String token, Consumer<List<ResourceContents>> updates) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(app.base).endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build())
                .requestTimeout(Duration.ofSeconds(10)).resourcesUpdateConsumer(updates).build();
        client.initialize();
        return client;
    }

    private static String text(McpSyncClient client, String uri) {
        List<ResourceContents> contents = client.readResource(new ReadResourceRequest(uri)).contents();
        assertThat(contents).hasSize(1);
        TextResourceContents text = (TextResourceContents) contents.get(0);
        assertThat(text.mimeType()).isEqualTo("application/json");
        assertThat(text.uri()).isEqualTo(uri);
        return text.text();
    }

    private static McpError refusal(McpSyncClient client, String uri) {
        McpError error = catchThrowableOfType(McpError.class, () -> client.readResource(new ReadResourceRequest(uri)));
        assertThat(error).as(uri).isNotNull();
        return error;
    }

    private String restBody(String query, String token) {
        TestServer.Answer answer = app.get(V1 + "/connections/" + id + "/records" + query, token);
        assertThat(answer.status()).as(query + " " + answer.body()).isEqualTo(200);
        return answer.body();
    }

    private void assertSameBytes(McpSyncClient client, String token, String stream, String query) {
        String mcpQuery = query.isEmpty() ? "" : "?" + query;
        String restQuery = "?stream=" + stream + (query.isEmpty() ? "" : "&" + query);
        assertThat(text(client, "connection://" + id + "/records/" + stream + mcpQuery).getBytes(StandardCharsets.UTF_8))
                .as(stream + mcpQuery).isEqualTo(restBody(restQuery, token).getBytes(StandardCharsets.UTF_8));
    }

    private static String q(String cursor) {
        return URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    @Test
    void a_stream_page_is_byte_for_byte_the_rest_body_for_an_admin_and_a_member() {
        String member = app.token("acme", "bob", Role.MEMBER, false);
        for (String token : List.of(admin, member)) {
            McpSyncClient client = mcp(token);
            try {
                assertThat(client.listResourceTemplates().resourceTemplates()).extracting(ResourceTemplate::uriTemplate)
                        .contains("connection://{id}/records/{stream}");
                for (String stream : List.of("persons", "deals", "organizations", "no-such-stream")) {
                    assertSameBytes(client, token, stream, "");
                    assertSameBytes(client, token, stream, "limit=1");
                }
                String cursor = app.get(V1 + "/connections/" + id + "/records?stream=persons&limit=1", token).json()
                        .get("next_cursor").asText();
                assertSameBytes(client, token, "persons", "cursor=" + q(cursor));
                assertSameBytes(client, token, "persons", "cursor=" + q(cursor) + "&limit=1");
                assertThat(text(client, "connection://" + id + "/records/persons?cursor=" + q(cursor)))
                        .contains("\"id\":\"2\"", "\"id\":\"3\"").doesNotContain("\"id\":\"1\"");
            } finally {
                client.closeGracefully();
            }
        }
        // A second sync: the stored cursor's page is the one changed record, on both.
        String caughtUp = app.get(V1 + "/connections/" + id + "/records?stream=persons", admin).json()
                .get("next_cursor").asText();
        stream("persons", "{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bobby\"},{\"id\":3,\"name\":\"Cy\"}");
        assertThat(app.post(V1 + "/connections/" + id + "/sync", admin, null).status()).isEqualTo(202);
        app.tickAndDrain();
        McpSyncClient client = mcp(admin);
        try {
            assertSameBytes(client, admin, "persons", "cursor=" + q(caughtUp));
            assertThat(text(client, "connection://" + id + "/records/persons?cursor=" + q(caughtUp)))
                    .contains("Bobby", "\"action\":\"updated\"").doesNotContain("Ann");
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void a_read_only_token_another_workspace_and_a_bad_cursor_get_the_usual_mcp_errors() {
        String uri = "connection://" + id + "/records/persons";
        String readOnly = app.token("acme", "alice", Role.ADMIN, true);
        assertThat(app.get(V1 + "/connections/" + id + "/records?stream=persons", readOnly).status()).isEqualTo(403);
        McpSyncClient reader = mcp(readOnly);
        try {
            assertThat(text(reader, "connection://" + id + "/status")).as("the MCP gate lets it in").contains(id);
            for (String target : List.of(uri, "connection://" + UUID.randomUUID() + "/records/persons")) {
                McpError error = refusal(reader, target);
                assertThat(error.getJsonRpcError().code()).as("scope before the id: nothing told").isEqualTo(-32003);
                assertThat(error.getJsonRpcError().message()).isEqualTo("The token lacks the records:read scope");
                assertThat(error.getJsonRpcError().data()).isEqualTo(Map.of("code", "insufficient_scope"));
            }
        } finally {
            reader.closeGracefully();
        }

        String stranger = app.token("globex", "eve", Role.ADMIN, false);
        McpSyncClient foreign = mcp(stranger);
        try {
            String random = "connection://" + UUID.randomUUID() + "/records/persons";
            for (String target : List.of(uri, uri + "?limit=1", random)) {
                McpError error = refusal(foreign, target);
                assertThat(error.getJsonRpcError().code()).as(target).isEqualTo(-32002);
                assertThat(error.getJsonRpcError().message()).isEqualTo("Resource not found");
                assertThat(String.valueOf(error.getJsonRpcError().data())).isEqualTo("{uri=" + target + "}");
            }
        } finally {
            foreign.closeGracefully();
        }

        McpSyncClient owner = mcp(admin);
        try {
            for (String query : List.of("?cursor=abc", "?limit=0", "?limit=abc")) {
                McpError error = refusal(owner, uri + query);
                assertThat(error.getJsonRpcError().code()).as(query).isEqualTo(-32602);
                assertThat(error.getJsonRpcError().data()).isEqualTo(Map.of("code", "validation_failed", "uri",
                        uri + query));
            }
            assertThat(refusal(owner, "connection://" + id + "/runs?limit=0").getJsonRpcError().code())
                    .as("the same kind of error as a bad runs limit").isEqualTo(-32602);
        } finally {
            owner.closeGracefully();
        }
    }

    @Test
    void a_records_subscription_is_told_when_its_stream_changes_and_not_for_another_stream() {
        String persons = "connection://" + id + "/records/persons";
        String deals = "connection://" + id + "/records/deals?limit=1";
        List<String> updated = new CopyOnWriteArrayList<>();
        McpSyncClient watcher = mcp(admin, contents -> contents.forEach(c -> updated.add(c.uri())));
        try {
            watcher.subscribeResource(new SubscribeRequest(persons));
            watcher.subscribeResource(new SubscribeRequest(deals));
            stream("persons", "{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bobby\"},{\"id\":3,\"name\":\"Cy\"}");
            assertThat(app.post(V1 + "/connections/" + id + "/sync", admin, null).status()).isEqualTo(202);
            app.tickAndDrain();
            await().atMost(Duration.ofSeconds(10)).until(() -> updated.contains(persons));
            await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
            assertThat(updated).as("deals did not change").doesNotContain(deals);
        } finally {
            watcher.closeGracefully();
        }
    }
}
