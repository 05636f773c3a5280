package com.amdahl.connections.adapter.mcp;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Role;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import io.javalin.Javalin;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.ResourceContents;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * A real HTTP server on a random loopback port with the MCP endpoint mounted the way the
 * composition root mounts it, over in-memory ports seeded with two workspaces.
 */
final class McpHarness implements AutoCloseable {
    final InMemoryPorts ports = new InMemoryPorts();
    final Principal alice = ports.admin("acme", "alice");
    final Principal mallory = ports.admin("globex", "mallory");
    final String aliceToken = ports.app.administration().createToken("acme", "alice", true);
    final String malloryToken = ports.app.administration().createToken("globex", "mallory", true);
    final String pipedrive;
    final String fathom;
    final String globexConnection;
    final McpAdapter.Http mcp = McpAdapter.http(ports.app, Set.of("https://console.amdahl.test"));
    final Javalin server;

    McpHarness() {
        pipedrive = connect(alice, "pipedrive", "Acme Pipedrive");
        ports.clock.advance(Duration.ofMinutes(1));
        fathom = connect(alice, "fathom", "Acme \"Fathom\"");
        globexConnection = connect(mallory, "pipedrive", "Globex Pipedrive");
        SyncRun run = ports.app.manage().requestSync(alice, new ConnectionId(pipedrive));
        ports.app.syncRuns().begin(new WorkspaceId("acme"), run.id());
        ports.clock.advance(Duration.ofMinutes(2));
        ports.app.syncRuns().finish(new WorkspaceId("acme"), run.id(), RunResult.of(List.of(
                StreamOutcome.succeeded("deals", 10), StreamOutcome.succeeded("persons", 5))));
        ports.member("acme", "bob", Role.MEMBER);
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.modifyServletContextHandler(handler -> {
                FilterHolder filter = new FilterHolder(mcp.filter());
                filter.setAsyncSupported(true);
                handler.addFilter(filter, McpAdapter.PATH, EnumSet.of(DispatcherType.REQUEST));
                ServletHolder servlet = new ServletHolder("mcp", mcp.servlet());
                servlet.setAsyncSupported(true);
                handler.addServlet(servlet, McpAdapter.PATH);
            });
        }).start("127.0.0.1", 0);
    }

    private String connect(Principal principal, String type, String name) {
        return ports.app.connect().connect(principal, new ConnectCommand(type, name, null, null, "key-123", null,
                null, null, null)).connection().connection().id().value();
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    String url() {
        return base() + McpAdapter.PATH;
    }

    McpSyncClient client(String token) {
        return client(token, contents -> { });
    }

    McpSyncClient client(String token, Consumer<List<ResourceContents>> updates) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base())
                .endpoint(McpAdapter.PATH)
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10))
                .resourcesUpdateConsumer(updates).build();
        client.initialize();
        return client;
    }

    @Override
    public void close() {
        server.stop();
        mcp.close();
    }
}
