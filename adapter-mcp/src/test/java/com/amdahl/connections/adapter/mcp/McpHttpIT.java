package com.amdahl.connections.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amdahl.connections.application.view.JsonShapes;
import com.amdahl.connections.application.view.JsonText;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceContents;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.SubscribeRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The resources over Streamable HTTP, driven by the SDK's own client against a real server. */
class McpHttpIT {
    private static McpHarness h;
    private static McpSyncClient alice;

    @BeforeAll
    static void start() {
        h = new McpHarness();
        alice = h.client(h.aliceToken);
    }

    @AfterAll
    static void stop() {
        alice.closeGracefully();
        h.close();
    }

    private static TextResourceContents read(McpSyncClient client, String uri) {
        List<ResourceContents> contents = client.readResource(new ReadResourceRequest(uri)).contents();
        assertThat(contents).hasSize(1);
        TextResourceContents text = (TextResourceContents) contents.get(0);
        assertThat(text.uri()).isEqualTo(uri);
        assertThat(text.mimeType()).isEqualTo("application/json");
        return text;
    }

    @Test
    void lists_two_resources_and_four_templates_and_nothing_else() {
        assertThat(alice.getServerCapabilities().resources().subscribe()).isTrue();
        assertThat(alice.getServerCapabilities().tools()).isNull();
        assertThat(alice.getServerCapabilities().prompts()).isNull();
        List<Resource> resources = alice.listResources().resources();
        assertThat(resources).extracting(Resource::uri).containsExactlyInAnyOrder("connection://catalog",
                "connection://list");
        assertThat(resources).allSatisfy(r -> {
            assertThat(r.mimeType()).isEqualTo("application/json");
            assertThat(r.name()).isNotBlank();
            assertThat(r.description()).isNotBlank();
        });
        List<ResourceTemplate> templates = alice.listResourceTemplates().resourceTemplates();
        assertThat(templates).extracting(ResourceTemplate::uriTemplate).containsExactlyInAnyOrder(
                "connection://{id}", "connection://{id}/status", "connection://{id}/runs",
                "connection://{id}/records/{stream}");
        assertThat(templates).allSatisfy(t -> {
            assertThat(t.mimeType()).isEqualTo("application/json");
            assertThat(t.description()).isNotBlank();
        });
    }

    @Test
    void every_resource_is_the_shared_json_for_the_caller() {
        var app = h.ports.app;
        var p = com.amdahl.connections.application.testing.InMemoryPorts.readOnly(h.alice); // the MCP key is read-only
        ConnectionId id = new ConnectionId(h.pipedrive);
        assertThat(read(alice, "connection://catalog").text())
                .isEqualTo(JsonText.write(JsonShapes.catalogDocument(app.catalog().catalog(p, null, null))));
        assertThat(read(alice, "connection://catalog?category=crm&kind=first_party").text())
                .isEqualTo(JsonText.write(JsonShapes.catalogDocument(app.catalog().catalog(p, "crm", "first_party"))))
                .contains("\"hubspot\"").doesNotContain("\"gmail\"");
        assertThat(read(alice, "connection://list").text())
                .isEqualTo(JsonText.write(JsonShapes.connectionsDocument(app.queries().list(p))))
                .doesNotContain(h.globexConnection);
        assertThat(read(alice, "connection://" + id.value()).text())
                .isEqualTo(JsonText.write(JsonShapes.connection(app.queries().get(p, id))));
        assertThat(read(alice, "connection://" + id.value() + "/status").text())
                .isEqualTo(JsonText.write(JsonShapes.status(app.queries().get(p, id))));
        assertThat(read(alice, "connection://" + id.value() + "/runs").text())
                .isEqualTo(JsonText.write(JsonShapes.runsDocument(app.queries().runs(p, id, null))));
        assertThat(read(alice, "connection://" + id.value() + "/runs?limit=1").text())
                .isEqualTo(JsonText.write(JsonShapes.runsDocument(app.queries().runs(p, id, 1))));
    }

    @Test
    void unknown_invisible_and_foreign_ids_are_one_and_the_same_not_found() {
        List<String> missing = List.of("connection://" + h.globexConnection, "connection://does-not-exist",
                "connection://" + h.globexConnection + "/status", "connection://nope/status",
                "connection://" + h.globexConnection + "/runs", "connection://nope/runs?limit=3",
                "connection://%20/status", "connection://a/b/c", "other://list");
        for (String uri : missing) {
            McpError error = catchThrowableOfType(McpError.class,
                    () -> alice.readResource(new ReadResourceRequest(uri)));
            assertThat(error).as(uri).isNotNull();
            assertThat(error.getJsonRpcError().code()).as(uri).isEqualTo(-32002);
            assertThat(error.getJsonRpcError().message()).as(uri).isEqualTo("Resource not found");
            assertThat(String.valueOf(error.getJsonRpcError().data())).as(uri).isEqualTo("{uri=" + uri + "}");
        }
    }

    @Test
    void the_list_pages_like_rest_with_limit_and_cursor() {
        var p = com.amdahl.connections.application.testing.InMemoryPorts.readOnly(h.alice);
        String first = read(alice, "connection://list?limit=1").text();
        assertThat(first).isEqualTo(h.ports.app.documents().listPage(p, "1", null).text());
        var cursor = java.util.regex.Pattern.compile("\"next_cursor\":\"([^\"]+)\"").matcher(first);
        assertThat(cursor.find()).as(first).isTrue();
        String second = read(alice, "connection://list?limit=1&cursor=" + cursor.group(1)).text();
        assertThat(second).isEqualTo(h.ports.app.documents().listPage(p, "1", cursor.group(1)).text())
                .isNotEqualTo(first);
        McpError forged = catchThrowableOfType(McpError.class,
                () -> alice.readResource(new ReadResourceRequest("connection://list?limit=1&cursor=forged")));
        assertThat(forged.getJsonRpcError().code()).isEqualTo(-32602);
    }

    @Test
    void a_bad_limit_or_category_is_invalid_params() {
        McpError limit = catchThrowableOfType(McpError.class,
                () -> alice.readResource(new ReadResourceRequest("connection://" + h.pipedrive + "/runs?limit=x")));
        assertThat(limit.getJsonRpcError().code()).isEqualTo(-32602);
        McpError category = catchThrowableOfType(McpError.class,
                () -> alice.readResource(new ReadResourceRequest("connection://catalog?category=nope")));
        assertThat(category.getJsonRpcError().code()).isEqualTo(-32602);
    }

    @Test
    void without_a_valid_token_the_endpoint_answers_401_and_without_the_read_scope_403() throws Exception {
        HttpResponse<String> none = post(null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"mcp\"");
        assertThat(none.body()).isEqualTo("{\"error\":{\"code\":\"unauthorized\",\"message\":\"A bearer token is required\"}}");

        HttpResponse<String> bad = post("not-a-token", null);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");

        String adminToken = h.ports.app.administration().createPlatformAdminToken();
        HttpResponse<String> admin = post(adminToken, null);
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(admin.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_scope\"").contains("scope=\"connections:read\"");

        assertThatThrownBy(() -> h.client("not-a-token")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void a_foreign_host_or_origin_is_refused_before_anything_else() throws Exception {
        HttpResponse<String> origin = fresh().send(HttpRequest.newBuilder(URI.create(h.url()))
                .header("Origin", "http://evil.example").header("Authorization", "Bearer " + h.aliceToken)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(origin.statusCode()).isEqualTo(403);
        HttpResponse<String> allowed = fresh().send(HttpRequest.newBuilder(URI.create(h.url()))
                .header("Origin", "https://console.amdahl.test").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(401);
    }

    @Test
    void transport_errors_carry_no_stack_trace() throws Exception {
        HttpResponse<String> get = fresh().send(HttpRequest.newBuilder(URI.create(h.url()))
                .header("Authorization", "Bearer " + h.aliceToken).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(400);
        assertThat(get.body()).startsWith("{\"jsonrpc\":\"2.0\"").doesNotContain("stackTrace").doesNotContain("at io.");
        HttpResponse<String> unknown = post(h.aliceToken, "no-such-session");
        assertThat(unknown.statusCode()).isBetween(400, 404);
        assertThat(unknown.body()).doesNotContain("stackTrace").doesNotContain("at io.");
    }

    @Test
    void unknown_methods_are_405_and_a_charset_other_than_utf_8_is_415_in_the_envelope() throws Exception {
        for (String method : new String[] {"PATCH", "PROPFIND", "get", "PUT"}) {
            HttpResponse<String> answer = fresh().send(HttpRequest.newBuilder(URI.create(h.url()))
                    .header("Authorization", "Bearer " + h.aliceToken)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(method).isEqualTo(405);
            assertThat(answer.headers().firstValue("Allow")).contains("GET, POST, DELETE");
            assertThat(answer.body()).isEqualTo("{\"error\":{\"code\":\"method_not_allowed\",\"message\":\"Method not allowed\"}}");
        }
        for (String type : new String[] {"application/json; charset=bogus", "application/json; charset=iso-8859-1",
            "text/plain", "application/jsonx"}) {
            HttpResponse<String> answer = postBody(type, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
            assertThat(answer.statusCode()).as(type).isEqualTo(415);
            assertThat(answer.body()).as(type).contains("\"code\":\"unsupported_media_type\"").doesNotContain("Exception");
        }
    }

    @Test
    void a_body_that_is_not_one_json_rpc_message_gets_a_fixed_answer_that_quotes_nothing() throws Exception {
        String[][] cases = {{"{\"hello\":\"SECRETBODY\"}", "-32600"}, {"not json SECRETBODY", "-32700"},
            {"[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SECRETBODY\"}]", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":{\"SECRETBODY\":1},\"method\":\"initialize\"}", "-32600"},
            {"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":\"SECRETBODY\"}", "-32600"}};
        for (String[] c : cases) {
            HttpResponse<String> answer = postBody("application/json", c[0]);
            assertThat(answer.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(answer.body()).as(c[0]).startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + c[1] + ",")
                    .doesNotContain("SECRETBODY", "Exception", "McpSchema");
        }
    }

    /**
     * A client per raw request: the gate refuses some requests without reading their bodies, after
     * which Jetty closes the connection, and a pooled client may already have picked that
     * connection for the next request ("header parser received no bytes").
     */
    private static HttpClient fresh() {
        return HttpClient.newHttpClient();
    }

    private static HttpResponse<String> postBody(String contentType, String body) throws Exception {
        return fresh().send(HttpRequest.newBuilder(URI.create(h.url())).header("Authorization", "Bearer " + h.aliceToken)
                .header("Content-Type", contentType).header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_status_subscription_is_told_when_a_run_starts_and_never_about_another_workspace() throws Exception {
        List<String> updated = new CopyOnWriteArrayList<>();
        McpSyncClient watcher = h.client(h.aliceToken,
                contents -> contents.forEach(c -> updated.add(c.uri())));
        McpSyncClient intruder = h.client(h.malloryToken);
        List<String> intruderSaw = new CopyOnWriteArrayList<>();
        McpSyncClient intruderWatching = h.client(h.malloryToken, c -> c.forEach(x -> intruderSaw.add(x.uri())));
        try {
            String status = "connection://" + h.fathom + "/status";
            watcher.subscribeResource(new SubscribeRequest(status));
            intruderWatching.subscribeResource(new SubscribeRequest(status));
            Thread.sleep(300);
            SyncRun run = h.ports.app.manage().requestSync(h.alice, new ConnectionId(h.fathom));
            h.ports.app.syncRuns().begin(new WorkspaceId("acme"), run.id());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (updated.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(updated).contains(status);
            Thread.sleep(1500);
            assertThat(intruderSaw).isEmpty();
        } finally {
            watcher.closeGracefully();
            intruder.closeGracefully();
            intruderWatching.closeGracefully();
        }
    }

    private static HttpResponse<String> post(String token, String session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(h.url()))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/list\",\"params\":{}}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return fresh().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
