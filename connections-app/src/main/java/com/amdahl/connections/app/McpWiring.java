package com.amdahl.connections.app;

import com.amdahl.connections.adapter.mcp.McpAdapter;
import com.amdahl.connections.adapter.rest.RestSettings;
import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import jakarta.servlet.DispatcherType;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** MCP in the composition root: {@code /mcp} on the REST server, and the {@code mcp-stdio} command. */
final class McpWiring {
    static final String TOKEN_VARIABLE = "CONNECTIONS_TOKEN";

    private McpWiring() {
    }

    /** The origins a browser may call {@code /mcp} from: the public URL's and the console's. */
    static List<String> origins(AppConfig config) {
        List<String> origins = new ArrayList<>();
        origins.add(config.publicUrl());
        origins.addAll(config.consoleOrigins());
        return origins;
    }

    /** {@code settings} with the MCP servlet and its filter mounted at {@code /mcp}, on an already migrated database. */
    static RestSettings withMcp(RestSettings settings, ConnectionsApplication app, Collection<String> origins) {
        return withMcp(settings, app, origins, SchemaGate.opened());
    }

    /**
     * {@code settings} with the MCP servlet and its filter mounted at {@code /mcp} on the same
     * server; the endpoint is built on its first request, after {@code gate} opens.
     */
    static RestSettings withMcp(RestSettings settings, ConnectionsApplication app, Collection<String> origins,
            SchemaGate gate) {
        LazyMcp mcp = new LazyMcp(() -> {
            gate.await(); // the gate authenticates against storage
            return McpAdapter.http(app, origins);
        });
        return settings.withExtraConfig(config -> config.jetty.modifyServletContextHandler(handler -> {
            FilterHolder filter = new FilterHolder(mcp.filter());
            filter.setAsyncSupported(true);
            handler.addFilter(filter, McpAdapter.PATH, EnumSet.of(DispatcherType.REQUEST));
            ServletHolder servlet = new ServletHolder("mcp", mcp.servlet());
            servlet.setAsyncSupported(true);
            handler.addServlet(servlet, McpAdapter.PATH);
        }));
    }

    /**
     * {@code mcp-stdio}: MCP over stdin/stdout as the caller of {@code CONNECTIONS_TOKEN}. Stdout
     * carries only MCP messages (anything else printed goes to stderr); a missing, unknown or
     * insufficient token exits with status 2 and a message on stderr.
     */
    static int runStdio(Map<String, String> environment) {
        String token = environment.getOrDefault(TOKEN_VARIABLE, "").strip();
        if (token.isEmpty()) {
            System.err.println("error: " + TOKEN_VARIABLE + " is not set; create a read-only token with "
                    + "'connections-app token create <workspace-id> <user-id> --read-only'");
            return 2;
        }
        AppConfig config = AppConfig.fromEnvironment(environment);
        ConnectionsRuntime opened;
        try {
            opened = ConnectionsRuntime.open(config);
        } catch (ConnectionsException unavailable) {
            if (unavailable.code() == ErrorCode.DATABASE_UNAVAILABLE && config.isH2()) {
                // most likely serve holds the H2 file: it answers MCP itself
                System.err.println("error: " + unavailable.getMessage() + ". A running serve answers MCP itself: point the"
                        + " client at " + config.publicUrl() + McpAdapter.PATH + " (Streamable HTTP, with the same token as"
                        + " a bearer token)");
                return 1;
            }
            throw unavailable;
        }
        PrintStream protocol = System.out;
        System.setOut(System.err);
        try (ConnectionsRuntime runtime = opened) {
            Optional<Principal> principal = runtime.app.authenticate().authenticate(token);
            if (principal.isEmpty()) {
                System.err.println("error: " + TOKEN_VARIABLE + " is not a valid token");
                return 2;
            }
            try {
                runtime.app.documents().admit(principal.get());
            } catch (ConnectionsException refused) {
                System.err.println("error: " + TOKEN_VARIABLE + " cannot read connections: " + refused.getMessage());
                return 2;
            }
            System.err.println("MCP over stdio for " + principal.get().userId().value() + " in workspace "
                    + principal.get().workspaceId().value());
            McpAdapter.runStdio(runtime.app, principal.get(), System.in, protocol);
            return 0;
        } finally {
            System.setOut(protocol);
        }
    }
}
