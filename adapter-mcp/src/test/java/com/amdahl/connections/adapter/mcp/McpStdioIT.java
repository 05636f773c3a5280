package com.amdahl.connections.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The resources over stdio: the SDK's client spawning a server process, and subscriptions over pipes. */
class McpStdioIT {

    @Test
    void the_sdk_client_lists_and_reads_every_resource_over_stdio() {
        List<String> stderr = new CopyOnWriteArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StdioClientTransport transport = new StdioClientTransport(ServerParameters.builder(java)
                .args("-cp", System.getProperty("java.class.path"), StdioFixture.class.getName()).build(),
                McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(stderr::add);
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        try {
            client.initialize();
            assertThat(client.getServerInfo().name()).isEqualTo("amdahl-connections");
            assertThat(client.listResources().resources()).extracting(Resource::uri)
                    .containsExactlyInAnyOrder("connection://catalog", "connection://list");
            assertThat(client.listResourceTemplates().resourceTemplates()).hasSize(4);
            String list = text(client, "connection://list");
            assertThat(list).startsWith("{\"connections\":[{\"id\":\"").contains("Acme Pipedrive")
                    .doesNotContain("Globex");
            String id = list.substring("{\"connections\":[{\"id\":\"".length()).split("\"")[0];
            assertThat(text(client, "connection://catalog?category=social")).contains("\"twitter\"");
            assertThat(text(client, "connection://" + id)).startsWith("{\"id\":\"" + id + "\"");
            assertThat(text(client, "connection://" + id + "/status")).contains("\"health\":\"healthy\"");
            assertThat(text(client, "connection://" + id + "/runs")).isEqualTo("{\"runs\":[]}");
            String globex = stderr.stream().filter(l -> l.startsWith(StdioFixture.GLOBEX_ID + "=")).findFirst()
                    .orElseThrow().substring(StdioFixture.GLOBEX_ID.length() + 1);
            assertThatThrownBy(() -> client.readResource(new ReadResourceRequest("connection://" + globex)))
                    .isInstanceOfSatisfying(McpError.class, e -> assertThat(e.getJsonRpcError().code()).isEqualTo(-32002));
        } finally {
            client.closeGracefully();
        }
    }

    private static String text(McpSyncClient client, String uri) {
        return ((TextResourceContents) client.readResource(new ReadResourceRequest(uri)).contents().get(0)).text();
    }

    @Test
    void a_caller_without_the_read_scope_is_refused_before_serving() {
        InMemoryPorts ports = new InMemoryPorts();
        assertThatThrownBy(() -> McpAdapter.runStdio(ports.app, Principal.ofPlatformAdmin(),
                new java.io.ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream()))
                .isInstanceOf(ConnectionsException.class);
        Principal writeOnly = Principal.member(new WorkspaceId("acme"), new com.amdahl.connections.domain.workspace.UserId("a"),
                com.amdahl.connections.domain.workspace.Role.ADMIN, Set.of());
        assertThatThrownBy(() -> McpAdapter.runStdio(ports.app, writeOnly,
                new java.io.ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream()))
                .isInstanceOf(ConnectionsException.class);
    }

    @Test
    void a_status_subscription_over_stdio_is_told_when_a_run_starts() throws Exception {
        InMemoryPorts ports = new InMemoryPorts();
        Principal alice = ports.admin("acme", "alice");
        String id = ports.app.connect().connect(alice, new com.amdahl.connections.application.port.in.ConnectCommand(
                "pipedrive", "P", null, null, "key", null, null, null, null)).connection().connection().id().value();
        PipedOutputStream toServer = new PipedOutputStream();
        PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
        PipedInputStream fromServer = new PipedInputStream(1 << 16);
        PipedOutputStream serverOut = new PipedOutputStream(fromServer);
        Thread server = new Thread(() -> McpAdapter.runStdio(ports.app, InMemoryPorts.readOnly(alice), serverIn,
                serverOut), "stdio-server");
        server.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8));
        send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        assertThat(lines.readLine()).contains("\"id\":1").contains("\"subscribe\":true");
        send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        String uri = "connection://" + id + "/status";
        send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"" + uri
                + "\"}}");
        assertThat(lines.readLine()).contains("\"id\":2").contains("\"result\"");
        SyncRun run = ports.app.manage().requestSync(alice, new ConnectionId(id));
        ports.app.syncRuns().begin(new WorkspaceId("acme"), run.id());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        String notification = null;
        while (notification == null && System.nanoTime() < deadline) {
            String line = lines.readLine();
            if (line != null && line.contains("notifications/resources/updated")) {
                notification = line;
            }
        }
        assertThat(notification).contains(uri);
        toServer.close();
        server.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(server.isAlive()).isFalse();
    }

    private static void send(OutputStream out, String line) throws Exception {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
