package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.view.Document;

/**
 * The reads as the documents REST and MCP answer, each with an entity tag for conditional GETs.
 * Ids and limits come as the caller wrote them; each read decides, in this order, the scope (403),
 * an id that cannot exist (404), the limit (400 {@code validation_failed} naming {@code limit}) and
 * visibility (404, byte for byte the answer of a missing id). Otherwise as {@link QueryConnections}
 * and {@link BrowseCatalog}.
 */
public interface ReadDocuments {
    Document catalog(Principal principal, String category, String kind);

    /** Every connection the caller may see, newest first; kept rendered while nothing it shows changes. */
    Document list(Principal principal);

    /**
     * One page of the list, newest first: at most {@code limit} connections (null means 25, above
     * 100 is capped, below 1 or not an integer is refused) after the opaque {@code cursor} (null for
     * the first page), with {@code next_cursor} naming the next page or null on the last.
     */
    Document listPage(Principal principal, String limit, String cursor);

    Document connection(Principal principal, String id);

    Document status(Principal principal, String id);

    /** Runs newest first; {@code limit} as for {@link #listPage}. */
    Document runs(Principal principal, String id, String limit);

    /** Audit events newest first; {@code limit} as for {@link #listPage}. */
    Document events(Principal principal, String id, String limit);

    /**
     * Refuses, as every read here would, a caller who may read none of these documents (403
     * {@code insufficient_scope}, or {@code forbidden} for a platform-admin token): for a surface
     * that admits its caller once, before any read (an MCP request or stdio session).
     */
    void admit(Principal principal);

    /**
     * How long {@code document} (read just now) stays as it is as far as the clock alone decides:
     * until the first instant a connection it shows could turn stale, at most {@link #MAX_FRESHNESS}.
     * A write can change it sooner; {@link #onChange} tells when one was committed.
     */
    java.time.Duration freshFor(Document document);

    /** The longest {@link #freshFor} answers, so that a reader who hears of no write is at most this late. */
    java.time.Duration MAX_FRESHNESS = java.time.Duration.ofSeconds(60);

    /**
     * Calls {@code listener} with a workspace's id after a write to what these documents show was
     * committed there: by this process at once, by another process when the storage carries change
     * events across processes (PostgreSQL), else never (readers then poll). Close to stop.
     */
    AutoCloseable onChange(java.util.function.Consumer<com.amdahl.connections.domain.workspace.WorkspaceId> listener);
}
