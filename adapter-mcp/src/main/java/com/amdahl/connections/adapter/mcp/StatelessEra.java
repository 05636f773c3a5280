package com.amdahl.connections.adapter.mcp;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ReadDocuments;
import com.amdahl.connections.application.view.Document;
import io.modelcontextprotocol.modern.McpException;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.McpSchema.CacheScope;
import io.modelcontextprotocol.modern.server.HmacRequestStateCodec;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncResource;
import io.modelcontextprotocol.modern.server.feature.McpSyncResourceRepository;
import io.modelcontextprotocol.modern.server.feature.ResourceTemplatesPage;
import io.modelcontextprotocol.modern.server.feature.ResourcesFeature;
import io.modelcontextprotocol.modern.server.feature.ResourcesPage;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * MCP 2026-07-28 (stateless): the same connection resources, served by the SDK's
 * {@code io.modelcontextprotocol.modern} server. Every request carries its version and
 * capabilities in {@code _meta}; {@code server/discover} advertises both versions this endpoint
 * speaks, newest first (2025-11-25 through {@code initialize}, {@link Eras}). Lists and reads carry
 * {@code cacheScope: "private"} and a {@code ttlMs} the application vouches for
 * ({@link ReadDocuments#freshFor}); resource-not-found is {@code -32602} with {@code data: {"uri"}}.
 */
final class StatelessEra {
    static final String VERSION = "2026-07-28";
    /** What {@code server/discover} offers, newest first. */
    static final List<String> VERSIONS = List.of(VERSION, "2025-11-25");

    private StatelessEra() {
    }

    static McpServer server(ConnectionResources resources, StatusWatch watch) {
        return server(resources, watch, UnaryOperator.identity());
    }

    /** {@code repository}: what serves the resources, given ours (tests add fixtures; production passes identity). */
    static McpServer server(ConnectionResources resources, StatusWatch watch,
            UnaryOperator<McpSyncResourceRepository> repository) {
        Listeners listeners = new Listeners(watch, resources::caller);
        return McpServer.builder()
                .serverInfo(McpSchema.Implementation.builder(McpAdapter.SERVER_NAME, McpAdapter.SERVER_VERSION).build())
                .instructions(McpAdapter.INSTRUCTIONS)
                .supportedVersions(VERSIONS)
                .feature(ResourcesFeature.ofSync(repository.apply(new Repository(resources))))
                .subscriptions(listeners)
                .restrictSubscriptions(listeners)
                // No resource here asks for input, so no request state is ever sealed; a key of our
                // own only spares the SDK's warning about a generated one.
                .requestStateCodec(HmacRequestStateCodec.builder().key(randomKey()).build())
                .build();
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    /** A refusal as the 2026-07-28 server answers it: not found is invalid params, like the SDK's unknown URI. */
    static McpException error(ConnectionResources.Refusal refusal) {
        if (refusal.notFound()) {
            return new McpException(-32602, refusal.message(), refusal.data());
        }
        return refusal.data() == null ? new McpException(refusal.code(), refusal.message())
                : new McpException(refusal.code(), refusal.message(), refusal.data());
    }

    /** Every URI is "found" here: {@link ConnectionResources#read} decides, so that not-found is one answer. */
    private record Repository(ConnectionResources resources) implements McpSyncResourceRepository {
        private static final long STATIC_TTL = ReadDocuments.MAX_FRESHNESS.toMillis();

        @Override
        public ResourcesPage list(McpRequestContext ctx, String cursor) {
            return new ResourcesPage(ConnectionResources.RESOURCES.stream()
                    .map(r -> McpSchema.Resource.builder(r.uri(), r.name()).title(r.title())
                            .description(r.description()).mimeType(ConnectionResources.MIME).build())
                    .toList(), null, STATIC_TTL, CacheScope.PRIVATE);
        }

        @Override
        public ResourceTemplatesPage listTemplates(McpRequestContext ctx, String cursor) {
            return new ResourceTemplatesPage(ConnectionResources.TEMPLATES.stream()
                    .map(t -> McpSchema.ResourceTemplate.builder(t.uri(), t.name()).title(t.title())
                            .description(t.description()).mimeType(ConnectionResources.MIME).build())
                    .toList(), null, STATIC_TTL, CacheScope.PRIVATE);
        }

        @Override
        public McpSyncResource find(McpRequestContext ctx, String uri) {
            return McpSyncResource.of((context, request) -> {
                Principal principal = resources.caller(context.transportContext());
                Document document = resources.read(principal, request.uri(), StatelessEra::error);
                long ttl = resources.app().documents().freshFor(document).toMillis();
                return McpSyncResponse.result(McpSchema.ReadResourceResult.builder(List.of(
                        McpSchema.TextResourceContents.builder(request.uri(), document.text())
                                .mimeType(ConnectionResources.MIME).build()))
                        .ttlMs(ttl).cacheScope(CacheScope.PRIVATE).build());
            });
        }

        @Override
        public boolean supportsSubscribe() {
            return true;
        }
    }
}
