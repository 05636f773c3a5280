package com.amdahl.connections.adapter.mcp;

import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.RedactedTrace;
import com.amdahl.connections.application.view.Document;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.Resource;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection resources (CONTRACT sections 7 and 10). Every read goes through {@link #read}:
 * the application decides scope, visibility and limits; the content is the JSON REST answers for
 * the same caller, written by the same renderer and writer.
 */
final class ConnectionResources {
    static final String MIME = "application/json";
    static final String PRINCIPAL = "com.amdahl.connections.principal";
    /** JSON-RPC error for a caller the application refuses (scope, platform-admin token). */
    static final int FORBIDDEN = -32003;
    static final String RECORDS_TEMPLATE = "connection://{id}/records/{stream}";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionResources.class);

    private final ConnectionsApplication app;
    private final Function<McpTransportContext, Principal> caller;

    /** {@code caller} finds who is reading: the HTTP request's principal, or the stdio process's one. */
    ConnectionResources(ConnectionsApplication app, Function<McpTransportContext, Principal> caller) {
        this.app = app;
        this.caller = caller;
    }

    /** A resource or template as both eras list it. */
    record Listed(String uri, String name, String title, String description) {
    }

    /** The two static resources, in list order. */
    static final List<Listed> RESOURCES = List.of(
            new Listed("connection://catalog", "catalog", "Connector catalog",
                    "Every connector that can be connected, with the connectable flag. "
                            + "Optional filters: connection://catalog?category=crm&kind=first_party"),
            new Listed("connection://list", "list", "Connections",
                    "Your established connections, newest first, each with status, health and "
                            + "last_run. Optional paging: connection://list?limit=50 answers at most 50 with "
                            + "next_cursor; pass it back as connection://list?limit=50&cursor=... (null on the "
                            + "last page)."));

    /** The four templates, in list order. */
    static final List<Listed> TEMPLATES = List.of(
            new Listed("connection://{id}", "connection", "Connection", "One established connection by id."),
            new Listed("connection://{id}/status", "connection-status", "Connection status",
                    "Just the sync state of one connection: status, health, is_syncing, "
                            + "last_synced_at, last_error, last_run. Subscribe to be told when it changes."),
            new Listed("connection://{id}/runs", "connection-runs", "Sync runs",
                    "The connection's sync runs, newest first. Optional ?limit= "
                            + "(default 25, capped at 100)."),
            new Listed(RECORDS_TEMPLATE, "connection-records", "Synced records",
                    "One stream's synced records as a change feed, in the order their changes were "
                            + "committed: {\"records\":[...],\"next_cursor\",\"has_more\"}. Optional ?limit= "
                            + "(default 100, capped at 1000) and ?cursor= (a next_cursor: the changes committed "
                            + "since). Needs the records:read scope. Subscribe to be told when the stream changes."));

    List<SyncResourceSpecification> resources() {
        return RESOURCES.stream().map(r -> new SyncResourceSpecification(Resource.builder().uri(r.uri()).name(r.name())
                .title(r.title()).description(r.description()).mimeType(MIME).build(), this::handle)).toList();
    }

    List<SyncResourceTemplateSpecification> templates() {
        return TEMPLATES.stream().map(t -> new SyncResourceTemplateSpecification(ResourceTemplate.builder()
                .uriTemplate(t.uri()).name(t.name()).title(t.title()).description(t.description()).mimeType(MIME)
                .build(), this::handle)).toList();
    }

    ConnectionsApplication app() {
        return app;
    }

    Principal caller(McpTransportContext context) {
        return caller.apply(context);
    }

    private ReadResourceResult handle(McpSyncServerExchange exchange, ReadResourceRequest request) {
        Principal principal = caller.apply(exchange.transportContext());
        String text = read(principal, request.uri());
        return new ReadResourceResult(List.of(new TextResourceContents(request.uri(), MIME, text)));
    }

    /** The JSON text of one resource for one caller, or an {@link McpError} (never a stack trace). */
    String read(Principal principal, String uri) {
        return read(principal, uri, ConnectionResources::legacyError).text();
    }

    /**
     * The document of one resource for one caller, or the exception {@code era} makes of the
     * refusal (never a stack trace): the one read both eras share.
     */
    Document read(Principal principal, String uri, Function<Refusal, RuntimeException> era) {
        try {
            return document(principal, uri);
        } catch (ConnectionsException refused) {
            throw era.apply(refusal(refused, uri));
        } catch (RuntimeException failure) {
            LOG.error("reading {} failed: {}", uri, failure.getClass().getName(), RedactedTrace.of(failure));
            throw era.apply(INTERNAL);
        }
    }

    /** The ids and limits go to the application as the caller wrote them; it judges them after the scope. */
    private Document document(Principal principal, String uri) {
        ConnectionUris.Parsed parsed = ConnectionUris.parse(uri);
        List<String> path = parsed.segments();
        if (path.size() == 1 && path.get(0).equals("catalog")) {
            return app.documents().catalog(principal, parsed.param("category"), parsed.param("kind"));
        }
        if (path.size() == 1 && path.get(0).equals("list")) {
            String limit = parsed.param("limit");
            String cursor = parsed.param("cursor");
            return limit == null && cursor == null ? app.documents().list(principal)
                    : app.documents().listPage(principal, limit, cursor);
        }
        if (path.size() == 1) {
            return app.documents().connection(principal, path.get(0));
        }
        if (path.size() == 2 && path.get(1).equals("status")) {
            return app.documents().status(principal, path.get(0));
        }
        if (path.size() == 2 && path.get(1).equals("runs")) {
            return app.documents().runs(principal, path.get(0), parsed.param("limit"));
        }
        if (isRecords(path)) {
            return absentIfForbidden(() -> app.records().page(principal, path.get(0), path.get(2), parsed.param("cursor"),
                    parsed.param("limit")));
        }
        // No such resource: refused like every read first, then not found like a missing id.
        app.documents().admit(principal);
        throw ConnectionsException.connectionNotFound();
    }

    /**
     * What a subscription compares from one check to the next: the resource's JSON, except for a
     * records page, where it is the stream's summary (records kept, deleted, newest change) from
     * the feed's streams document. That catches a change beyond the page and reads no payloads;
     * the use case applies the same scope and privacy rules as to the page. Null when the caller
     * may not read it (never notified, like a random id).
     */
    String watched(Principal principal, String uri) {
        ConnectionUris.Parsed parsed = ConnectionUris.parse(uri);
        List<String> path = parsed.segments();
        if (!isRecords(path)) {
            return readable(principal, uri);
        }
        try {
            return summaryOf(app.records().streams(principal, path.get(0)).text(), path.get(2));
        } catch (ConnectionsException unreadable) {
            return null;
        } catch (RuntimeException failure) {
            LOG.warn("watching {} failed: {}", uri, failure.getClass().getName());
            return null;
        }
    }

    private String readable(Principal principal, String uri) {
        try {
            return read(principal, uri);
        } catch (McpError unreadable) {
            return null;
        }
    }

    /** The one stream's entry of a {@code {"streams":[...]}} document, as text ("" when it has none yet). */
    static String summaryOf(String streamsJson, String stream) {
        Map<?, ?> document;
        try {
            document = McpJsonDefaults.getMapper().readValue(streamsJson, Map.class);
        } catch (IOException notJson) {
            return null;
        }
        if (document.get("streams") instanceof List<?> streams) {
            for (Object entry : streams) {
                if (entry instanceof Map<?, ?> summary && stream.equals(summary.get("stream"))) {
                    return summary.toString();
                }
            }
        }
        return "";
    }

    private static boolean isRecords(List<String> path) {
        return path.size() == 3 && path.get(1).equals("records") && !path.get(2).isEmpty();
    }

    /**
     * CONTRACT 10: over MCP, records the caller may not read (a personal connection of another
     * member, which REST answers 403 {@code forbidden} to an admin who sees it) are as absent as a
     * random id. The scope check comes first and does not depend on the id, so insufficient_scope
     * stays a clear refusal without telling anything about the connection.
     */
    private static Document absentIfForbidden(Supplier<Document> read) {
        try {
            return read.get();
        } catch (ConnectionsException refused) {
            if (refused.code() == ErrorCode.FORBIDDEN) {
                throw ConnectionsException.connectionNotFound();
            }
            throw refused;
        }
    }

    /**
     * A refused read as JSON-RPC says it; {@code notFound} marks the resource-not-found answer,
     * whose code differs by era (2025-11-25: -32002, 2026-07-28: -32602), with {@code data} {"uri"}.
     */
    record Refusal(int code, String message, Map<String, Object> data, boolean notFound) {
    }

    static final Refusal INTERNAL = new Refusal(-32603, "Internal error", null, false);

    /**
     * The one table from the application's refusals to JSON-RPC errors. Every not-found (unknown,
     * invisible, another workspace's, malformed) is the same resource-not-found error.
     */
    static Refusal refusal(ConnectionsException refused, String uri) {
        Map<String, Object> code = Map.of("code", refused.code().wire());
        return switch (refused.code()) {
            case CONNECTION_NOT_FOUND -> new Refusal(-32002, "Resource not found", Map.of("uri", uri), true);
            case VALIDATION_FAILED, INVALID_CATEGORY, UNKNOWN_CONNECTOR_TYPE -> new Refusal(-32602,
                    refused.getMessage(), Map.of("code", refused.code().wire(), "uri", uri), false);
            case UNAUTHORIZED, FORBIDDEN, INSUFFICIENT_SCOPE -> new Refusal(FORBIDDEN, refused.getMessage(), code, false);
            case DATABASE_UNAVAILABLE -> new Refusal(-32603, "The database is unavailable", code, false);
            // a read refuses with conflict only when the deployment keeps no records (an embedder's own sink)
            case CONFLICT -> new Refusal(-32603, refused.getMessage(), code, false);
            default -> INTERNAL;
        };
    }

    /** A refusal as the 2025-11-25 server answers it (not found: the SDK's own -32002 error). */
    static McpError legacyError(Refusal refusal) {
        if (refusal.notFound()) {
            return McpError.RESOURCE_NOT_FOUND.apply((String) refusal.data().get("uri"));
        }
        McpError.Builder error = McpError.builder(refusal.code()).message(refusal.message());
        return (refusal.data() == null ? error : error.data(refusal.data())).build();
    }

    /** {@link #legacyError} for one application refusal. */
    static McpError error(ConnectionsException refused, String uri) {
        return legacyError(refusal(refused, uri));
    }
}
