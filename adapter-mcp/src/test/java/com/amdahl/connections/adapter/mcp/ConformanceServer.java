package com.amdahl.connections.adapter.mcp;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.testing.InMemoryPorts;
import io.javalin.Javalin;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncResource;
import io.modelcontextprotocol.modern.server.feature.McpSyncResourceRepository;
import io.modelcontextprotocol.modern.server.feature.ResourceTemplatesPage;
import io.modelcontextprotocol.modern.server.feature.ResourcesPage;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * A test-only server for the conformance suite, whose client cannot send headers: the real
 * {@link McpAdapter#http} endpoint (Host/Origin validation, bearer authentication, sessions,
 * subscriptions) behind one extra filter that signs every request with a read-only token of a
 * seeded workspace member, so the adapter still authenticates it the usual way.
 *
 * <p>The suite's resource scenarios read fixed fixture URIs ({@code test://static-text},
 * {@code test://static-binary}, {@code test://template/{id}/data}); they are served here beside the
 * connection resources, through the same SDK server, transport and URI template matching.
 */
final class ConformanceServer implements AutoCloseable {
    final InMemoryPorts ports = new InMemoryPorts();
    final Principal alice = ports.admin("acme", "alice");
    final String readOnlyToken = ports.app.administration().createToken("acme", "alice", true);
    final McpAdapter.Http mcp = McpAdapter.http(ports.app, Set.of(), ModernFixtures::new);
    final Javalin server;
    private static final Pattern TEMPLATE = Pattern.compile("test://template/([^/?#]+)/data");
    private static final String STATIC_TEXT = "This is the content of the static text resource.";
    private static final String ONE_PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
            + "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    ConformanceServer() {
        ports.app.connect().connect(alice, new ConnectCommand("pipedrive", "Acme Pipedrive", null, null, "key-123",
                null, null, null, null));
        serveFixtures(mcp.server());
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.modifyServletContextHandler(handler -> {
                mount(handler, "sign", new SignAs(readOnlyToken));
                mount(handler, "gate", mcp.filter());
                ServletHolder servlet = new ServletHolder("mcp", mcp.servlet());
                servlet.setAsyncSupported(true);
                handler.addServlet(servlet, McpAdapter.PATH);
            });
        }).start("127.0.0.1", 0);
    }

    private static void mount(org.eclipse.jetty.ee10.servlet.ServletContextHandler handler, String name,
            Filter filter) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setName(name);
        holder.setAsyncSupported(true);
        handler.addFilter(holder, McpAdapter.PATH, EnumSet.of(DispatcherType.REQUEST));
    }

    /** The resources the conformance scenarios read, as its reference server defines them. */
    private static void serveFixtures(McpSyncServer sdk) {
        sdk.addResource(new SyncResourceSpecification(Resource.builder().uri("test://static-text")
                .name("static-text").description("Conformance fixture: a text resource").mimeType("text/plain")
                .build(), (exchange, request) -> new ReadResourceResult(List.of(new TextResourceContents(
                        request.uri(), "text/plain", STATIC_TEXT)))));
        sdk.addResource(new SyncResourceSpecification(Resource.builder().uri("test://static-binary")
                .name("static-binary").description("Conformance fixture: a binary resource").mimeType("image/png")
                .build(), (exchange, request) -> new ReadResourceResult(List.of(new BlobResourceContents(
                        request.uri(), "image/png", ONE_PIXEL_PNG)))));
        sdk.addResourceTemplate(new SyncResourceTemplateSpecification(ResourceTemplate.builder()
                .uriTemplate("test://template/{id}/data").name("template-data")
                .description("Conformance fixture: a templated resource").mimeType("application/json").build(),
                (exchange, request) -> {
                    Matcher m = TEMPLATE.matcher(request.uri());
                    if (!m.matches()) {
                        throw McpError.RESOURCE_NOT_FOUND.apply(request.uri());
                    }
                    return new ReadResourceResult(List.of(new TextResourceContents(request.uri(), "application/json",
                            templateData(m.group(1)))));
                }));
    }

    private static String templateData(String id) {
        return "{\"id\":\"" + id + "\",\"templateTest\":true,\"data\":\"Data for ID: " + id + "\"}";
    }

    /**
     * The same fixtures in the 2026-07-28 era ({@code McpSchema} here is the modern one), listed after and read before the connection
     * resources (whose repository answers every other URI itself).
     */
    private record ModernFixtures(McpSyncResourceRepository ours) implements McpSyncResourceRepository {
        @Override
        public ResourcesPage list(McpRequestContext ctx, String cursor) {
            ResourcesPage page = ours.list(ctx, cursor);
            List<McpSchema.Resource> all = new ArrayList<>(page.resources());
            all.add(McpSchema.Resource.builder("test://static-text", "static-text").mimeType("text/plain").build());
            all.add(McpSchema.Resource.builder("test://static-binary", "static-binary").mimeType("image/png").build());
            return new ResourcesPage(all, page.nextCursor(), page.ttlMs(), page.cacheScope());
        }

        @Override
        public ResourceTemplatesPage listTemplates(McpRequestContext ctx, String cursor) {
            ResourceTemplatesPage page = ours.listTemplates(ctx, cursor);
            List<McpSchema.ResourceTemplate> all = new ArrayList<>(page.resourceTemplates());
            all.add(McpSchema.ResourceTemplate.builder("test://template/{id}/data", "template-data")
                    .mimeType("application/json").build());
            return new ResourceTemplatesPage(all, page.nextCursor(), page.ttlMs(), page.cacheScope());
        }

        @Override
        public McpSyncResource find(McpRequestContext ctx, String uri) {
            Matcher template = TEMPLATE.matcher(uri);
            McpSchema.ResourceContents contents = switch (uri) {
                case "test://static-text" -> McpSchema.TextResourceContents.builder(uri, STATIC_TEXT)
                        .mimeType("text/plain").build();
                case "test://static-binary" -> McpSchema.BlobResourceContents.builder(uri, ONE_PIXEL_PNG)
                        .mimeType("image/png").build();
                default -> template.matches() ? McpSchema.TextResourceContents.builder(uri,
                        templateData(template.group(1))).mimeType("application/json").build() : null;
            };
            return contents == null ? ours.find(ctx, uri) : McpSyncResource.of((context, request) ->
                    McpSyncResponse.result(McpSchema.ReadResourceResult.builder(List.of(contents))
                            .ttlMs(0L).cacheScope(McpSchema.CacheScope.PRIVATE).build()));
        }

        @Override
        public boolean supportsSubscribe() {
            return ours.supportsSubscribe();
        }
    }

    String url() {
        return "http://localhost:" + server.port() + McpAdapter.PATH;
    }

    @Override
    public void close() {
        server.stop();
        mcp.close();
    }

    /** Replaces the request's Authorization header with a fixed bearer token. */
    private static final class SignAs implements Filter {
        private final String authorization;

        SignAs(String token) {
            this.authorization = "Bearer " + token;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(new HttpServletRequestWrapper((HttpServletRequest) request) {
                @Override
                public String getHeader(String name) {
                    return "Authorization".equalsIgnoreCase(name) ? authorization : super.getHeader(name);
                }

                @Override
                public Enumeration<String> getHeaders(String name) {
                    return "Authorization".equalsIgnoreCase(name) ? Collections.enumeration(List.of(authorization))
                            : super.getHeaders(name);
                }

                @Override
                public Enumeration<String> getHeaderNames() {
                    List<String> names = Collections.list(super.getHeaderNames());
                    if (names.stream().noneMatch("Authorization"::equalsIgnoreCase)) {
                        names.add("Authorization");
                    }
                    return Collections.enumeration(names);
                }
            }, response);
        }
    }
}
