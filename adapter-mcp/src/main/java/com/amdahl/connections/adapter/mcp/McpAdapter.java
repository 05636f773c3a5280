package com.amdahl.connections.adapter.mcp;

import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import io.modelcontextprotocol.modern.server.transport.StdioMcpTransport;
import io.modelcontextprotocol.modern.server.feature.McpSyncResourceRepository;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ResourcesUpdatedNotification;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The MCP adapter's one public entry point: the connection resources (CONTRACT section 7) over
 * Streamable HTTP, as a servlet and the filter that must stand before it, or over stdio; in both
 * protocol eras, 2025-11-25 (initialize, sessions) and 2026-07-28 (stateless), told apart per
 * message by {@link Eras}.
 *
 * <pre>{@code
 * McpAdapter.Http mcp = McpAdapter.http(app, Set.of("https://console.example.com"));
 * // mount mcp.filter() and mcp.servlet() (async supported) at McpAdapter.PATH
 * }</pre>
 */
public final class McpAdapter {
    /** Where the HTTP endpoint is mounted. */
    public static final String PATH = "/mcp";
    static final String SERVER_NAME = "amdahl-connections";
    static final String SERVER_VERSION = "0.1.0";
    static final String INSTRUCTIONS = "Read-only view of this workspace's data-source connections: the catalog "
            + "(connection://catalog), what is connected (connection://list), one connection, its sync status and "
            + "its sync runs, and with the records:read scope the synced records of one stream as a change feed "
            + "(connection://{id}/records/{stream}). Subscribe to connection://{id}/status to be told when a sync "
            + "starts or settles, or to a records URI to be told when its stream changes. "
            + "Connecting, reconnecting and disconnecting happen in the console or the REST API, not here.";
    private static final String STDIO_SESSION = "stdio";

    private McpAdapter() {
    }

    /**
     * The Streamable HTTP endpoint for an application. Browsers may call it only from
     * {@code allowedOrigins} (scheme://host[:port]) or loopback; the Host header must name one of
     * those hosts or loopback.
     */
    public static Http http(ConnectionsApplication app, Collection<String> allowedOrigins) {
        return http(app, allowedOrigins, UnaryOperator.identity());
    }

    /**
     * {@link #http(ConnectionsApplication, Collection)} whose 2026-07-28 resources pass through
     * {@code modernResources} first: tests serve fixtures beside the connection resources this way
     * (the 2025-11-25 ones through {@link Http#server()}).
     */
    static Http http(ConnectionsApplication app, Collection<String> allowedOrigins,
            UnaryOperator<McpSyncResourceRepository> modernResources) {
        ConnectionResources resources = new ConnectionResources(app, context -> {
            Object principal = context.get(ConnectionResources.PRINCIPAL);
            if (principal instanceof Principal p) {
                return p;
            }
            throw McpError.builder(ConnectionResources.FORBIDDEN).message("Not authenticated").build();
        });
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(PATH)
                .contextExtractor(McpAdapter::callerContext)
                .keepAliveInterval(Duration.ofSeconds(20))
                .build();
        McpSyncServer server = server(McpServer.sync(transport), resources);
        StatusWatch watch = new StatusWatch(resources, 1000);
        watch.notifier((session, uri) -> {
            try {
                transport.notifyClient(session, StatusWatch.UPDATED, new ResourcesUpdatedNotification(uri))
                        .block(Duration.ofSeconds(5));
                return true;
            } catch (RuntimeException gone) {
                return false;
            }
        });
        io.modelcontextprotocol.modern.server.McpServer modern = StatelessEra.server(resources, watch, modernResources);
        HttpServletMcpTransport stateless = HttpServletMcpTransport.builder(modern)
                .endpoint(PATH)
                .contextExtractor(McpAdapter::callerContext)
                .httpHeaderValidator(ServerHttpHeaderValidator.NOOP) // HostAndOrigin ran in the gate
                .maxRequestSize(BufferedRequest.MAX_BODY_BYTES)
                .keepAliveInterval(Duration.ofSeconds(20))
                .build();
        AutoCloseable changes = app.documents().onChange(watch::changed);
        HttpGate gate = new HttpGate(HostAndOrigin.allowing(allowedOrigins), new BearerCaller(app), watch, stateless);
        return new Http(transport, gate, server, watch, () -> {
            changes.close();
            stateless.closeGracefully();
        });
    }

    /**
     * Serves MCP over this process's stdin/stdout for one caller until stdin closes. Nothing else
     * may write to stdout meanwhile; logs belong on stderr.
     *
     * @throws com.amdahl.connections.domain.ConnectionsException when the caller lacks connections:read
     */
    public static void runStdio(ConnectionsApplication app, Principal principal) {
        runStdio(app, principal, System.in, System.out);
    }

    /**
     * {@link #runStdio(ConnectionsApplication, Principal)} over given streams. The first message
     * decides the era of the whole stream: a 2026-07-28 one (server/discover, or a request with
     * its version in _meta) is served statelessly, anything else (initialize) as 2025-11-25.
     */
    public static void runStdio(ConnectionsApplication app, Principal principal, InputStream in, OutputStream out) {
        app.documents().admit(principal);
        ConnectionResources resources = new ConnectionResources(app, context -> principal);
        byte[] first;
        try {
            first = firstLine(in);
        } catch (IOException unreadable) {
            return;
        }
        if (first == null) {
            return; // stdin closed before a message
        }
        InputStream replayed = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(first), in);
        StatusWatch watch = new StatusWatch(resources, 1000);
        try (AutoCloseable changes = app.documents().onChange(watch::changed)) {
            if (messages(new String(first, StandardCharsets.UTF_8)).stream().anyMatch(m -> Eras.stateless(m, false))) {
                runStateless(resources, watch, replayed, out);
            } else {
                runLegacy(resources, principal, watch, replayed, out);
            }
        } catch (Exception closing) {
            // only the change subscription's close can throw here; nothing is left to do
        } finally {
            watch.close();
        }
    }

    private static void runStateless(ConnectionResources resources, StatusWatch watch, InputStream in, OutputStream out) {
        io.modelcontextprotocol.modern.server.McpServer server = StatelessEra.server(resources, watch);
        StdioMcpTransport transport = new StdioMcpTransport(server, McpJsonDefaults.getMapper(), in, out,
                BufferedRequest.MAX_BODY_BYTES);
        try {
            transport.start().block();
        } finally {
            server.closeGracefully();
        }
    }

    /** The first line of {@code in} with its newline (null at end of input), read byte by byte so nothing more is taken. */
    private static byte[] firstLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n' || line.size() > BufferedRequest.MAX_BODY_BYTES) {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static void runLegacy(ConnectionResources resources, Principal principal, StatusWatch watch, InputStream in,
            OutputStream out) {
        LineTap tap = new LineTap(in, line -> watch.observe(STDIO_SESSION, principal, messages(line)));
        StdioServerTransportProvider transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), tap, out);
        watch.notifier((session, uri) -> {
            try {
                transport.notifyClients(StatusWatch.UPDATED, new ResourcesUpdatedNotification(uri))
                        .block(Duration.ofSeconds(5));
                return true;
            } catch (RuntimeException gone) {
                return false;
            }
        });
        McpSyncServer server = server(McpServer.sync(transport), resources);
        try {
            tap.awaitEnd();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            server.closeGracefully();
        }
    }

    /** The gate's admitted caller, as the SDK hands it to the resource handlers of both eras. */
    private static McpTransportContext callerContext(jakarta.servlet.http.HttpServletRequest request) {
        Object principal = request.getAttribute(ConnectionResources.PRINCIPAL);
        return principal == null ? McpTransportContext.EMPTY
                : McpTransportContext.create(Map.of(ConnectionResources.PRINCIPAL, principal));
    }

    private static McpSyncServer server(McpServer.SyncSpecification<?> spec, ConnectionResources resources) {
        return spec.serverInfo(SERVER_NAME, SERVER_VERSION)
                .instructions(INSTRUCTIONS)
                .capabilities(ServerCapabilities.builder().resources(true, false).build())
                .uriTemplateManagerFactory(ConnectionUris.templates())
                .resources(resources.resources())
                .resourceTemplates(resources.templates())
                .build();
    }

    private static List<Object> messages(String line) {
        try {
            Object parsed = McpJsonDefaults.getMapper().readValue(line, Object.class);
            return parsed instanceof List<?> list ? new ArrayList<>(list) : parsed == null ? List.of() : List.of(parsed);
        } catch (IOException | RuntimeException notJson) {
            return List.of();
        }
    }

    /** The HTTP endpoint: mount {@link #filter()} before {@link #servlet()} at {@link #PATH}, both async-supported. */
    public static final class Http implements AutoCloseable {
        private final HttpServletStreamableServerTransportProvider servlet;
        private final HttpGate filter;
        private final McpSyncServer server;
        private final StatusWatch watch;
        private final AutoCloseable stateless;

        private Http(HttpServletStreamableServerTransportProvider servlet, HttpGate filter, McpSyncServer server,
                StatusWatch watch, AutoCloseable stateless) {
            this.servlet = servlet;
            this.filter = filter;
            this.server = server;
            this.watch = watch;
            this.stateless = stateless;
        }

        /** The SDK's Streamable HTTP servlet. */
        public HttpServlet servlet() {
            return servlet;
        }

        /** Host/Origin validation, bearer authentication and clean errors; must run before the servlet. */
        public Filter filter() {
            return filter;
        }

        public String path() {
            return PATH;
        }

        /** The SDK server behind the endpoint, for tests that serve extra fixtures beside the connection resources. */
        McpSyncServer server() {
            return server;
        }

        @Override
        public void close() {
            watch.close();
            server.closeGracefully();
            try {
                stateless.close();
            } catch (Exception ignored) {
                // closing the change subscription and the stateless server cannot fail in a way worth telling
            }
        }
    }

    /** Shows each line read from stdin to a listener, and tells when stdin ended. */
    private static final class LineTap extends FilterInputStream {
        private final java.util.function.Consumer<String> listener;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        private final CountDownLatch ended = new CountDownLatch(1);

        LineTap(InputStream in, java.util.function.Consumer<String> listener) {
            super(in);
            this.listener = listener;
        }

        @Override
        public int read() throws IOException {
            int b = guarded(super.read());
            if (b >= 0) {
                take(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = guarded(super.read(buffer, off, len));
            if (n > 0) {
                take(buffer, off, n);
            }
            return n;
        }

        private int guarded(int result) {
            if (result < 0) {
                ended.countDown();
            }
            return result;
        }

        private void take(byte[] buffer, int off, int n) {
            for (int i = off; i < off + n; i++) {
                if (buffer[i] == '\n') {
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    if (text.contains("resources/")) {
                        listener.accept(text);
                    }
                } else if (line.size() < BufferedRequest.MAX_BODY_BYTES) {
                    line.write(buffer[i]);
                }
            }
        }

        void awaitEnd() throws InterruptedException {
            ended.await();
        }

        @Override
        public void close() throws IOException {
            ended.countDown();
            super.close();
        }
    }
}
