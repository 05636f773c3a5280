package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amdahl.connections.adapter.rest.RestServer;
import com.amdahl.connections.adapter.rest.RestSettings;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Role;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * REST and MCP on one server, wired as {@code serve} wires them: for every MCP resource the
 * content is byte-for-byte the body REST answers for the same caller; not-found is one error.
 */
class McpRestParityIT {
    private static final String API = "/api/platform/v1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static InMemoryPorts ports;
    private static RestServer server;
    private static String base;
    private static String pipedrive;
    private static String gmail;
    private static String foreign;

    @BeforeAll
    static void start() {
        ports = new InMemoryPorts();
        Principal alice = ports.admin("acme", "alice");
        Principal mallory = ports.admin("globex", "mallory");
        ports.member("acme", "bob", Role.MEMBER);
        pipedrive = ports.app.connect().connect(alice, new ConnectCommand("pipedrive", "Acme \"Pipe\" \\ é", null, null,
                "key", null, null, null, null)).connection().connection().id().value();
        ports.clock.advance(Duration.ofMinutes(1));
        gmail = ports.app.connect().connect(alice, new ConnectCommand("gmail", null, null, null, null, null, null,
                null, null)).connection().connection().id().value();
        ports.app.connect().connect(alice, new ConnectCommand("twitter", null, null, null, null, "@acme", "1234567890",
                "Acme", 4200L));
        foreign = ports.app.connect().connect(mallory, new ConnectCommand("pipedrive", "Globex", null, null, "key",
                null, null, null, null)).connection().connection().id().value();
        SyncRun run = ports.app.manage().requestSync(alice, new ConnectionId(pipedrive));
        ports.app.syncRuns().begin(new WorkspaceId("acme"), run.id());
        ports.clock.advance(Duration.ofMinutes(2));
        ports.app.syncRuns().finish(new WorkspaceId("acme"), run.id(), RunResult.of(List.of(
                StreamOutcome.succeeded("deals", 10), StreamOutcome.failed("persons", 0,
                        com.amdahl.connections.domain.sync.ErrorReason.RATE_LIMIT, "429 from \"provider\""))));
        ports.app.manage().requestSync(alice, new ConnectionId(pipedrive));
        server = RestServer.create(ports.app, McpWiring.withMcp(RestSettings.defaults(), ports.app,
                List.of(InMemoryPorts.PUBLIC_URL))).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static McpSyncClient mcp(String token) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token)).build())
                .requestTimeout(Duration.ofSeconds(10)).build();
        client.initialize();
        return client;
    }

    private static HttpResponse<byte[]> rest(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + API + path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void every_resource_is_byte_for_byte_the_rest_body_for_the_same_caller() throws Exception {
        for (String user : List.of("alice", "bob")) {
            String token = ports.app.administration().createToken("acme", user, true);
            McpSyncClient client = mcp(token);
            try {
                String[][] pairs = {
                        {"connection://catalog", "/connections/catalog"},
                        {"connection://catalog?category=crm&kind=first_party",
                                "/connections/catalog?category=crm&kind=first_party"},
                        {"connection://list", "/connections"},
                        {"connection://" + pipedrive, "/connections/" + pipedrive},
                        {"connection://" + pipedrive + "/status", "/connections/" + pipedrive + "/status"},
                        {"connection://" + pipedrive + "/runs", "/connections/" + pipedrive + "/runs"},
                        {"connection://" + pipedrive + "/runs?limit=1", "/connections/" + pipedrive + "/runs?limit=1"},
                };
                for (String[] pair : pairs) {
                    HttpResponse<byte[]> rest = rest(pair[1], token);
                    assertThat(rest.statusCode()).as(pair[1]).isEqualTo(200);
                    TextResourceContents content = (TextResourceContents) client
                            .readResource(new ReadResourceRequest(pair[0])).contents().get(0);
                    assertThat(content.text().getBytes(StandardCharsets.UTF_8)).as(user + " " + pair[0])
                            .isEqualTo(rest.body());
                }
                // Alice sees her personal Gmail connection; Bob, a member, gets the same not-found as for any id.
                if (user.equals("alice")) {
                    assertThat(rest("/connections/" + gmail, token).statusCode()).isEqualTo(200);
                    client.readResource(new ReadResourceRequest("connection://" + gmail));
                } else {
                    assertNotFoundEverywhere(client, token, gmail);
                }
                assertNotFoundEverywhere(client, token, foreign);
                assertNotFoundEverywhere(client, token, "no-such-connection");
            } finally {
                client.closeGracefully();
            }
        }
    }

    private static void assertNotFoundEverywhere(McpSyncClient client, String token, String id) throws Exception {
        HttpResponse<byte[]> rest = rest("/connections/" + id, token);
        assertThat(rest.statusCode()).isEqualTo(404);
        assertThat(new String(rest.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":{\"code\":\"connection_not_found\",\"message\":\"Connection not found\"}}");
        for (String uri : List.of("connection://" + id, "connection://" + id + "/status", "connection://" + id + "/runs")) {
            McpError error = catchThrowableOfType(McpError.class, () -> client.readResource(new ReadResourceRequest(uri)));
            assertThat(error).as(uri).isNotNull();
            assertThat(error.getJsonRpcError().code()).isEqualTo(-32002);
            assertThat(error.getJsonRpcError().message()).isEqualTo("Resource not found");
            assertThat(String.valueOf(error.getJsonRpcError().data())).isEqualTo("{uri=" + uri + "}");
        }
    }

    @Test
    void the_mcp_endpoint_needs_a_token_and_rest_still_answers_beside_it() throws Exception {
        HttpResponse<String> mcp = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(mcp.statusCode()).isEqualTo(401);
        assertThat(mcp.headers().firstValue("WWW-Authenticate")).isPresent();
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).isEqualTo("{\"ok\":true}");
        assertThat(Set.of(pipedrive, gmail, foreign)).hasSize(3);
    }
}
