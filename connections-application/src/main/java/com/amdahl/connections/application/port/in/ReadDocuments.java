package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.view.Document;
import com.amdahl.connections.domain.connection.ConnectionId;

/**
 * The reads as the documents REST and MCP answer, each with an entity tag for conditional GETs.
 * Scope, visibility and limits are those of {@link QueryConnections} and {@link BrowseCatalog}.
 */
public interface ReadDocuments {
    Document catalog(Principal principal, String category, String kind);

    /** Every connection the caller may see, newest first; kept rendered while nothing it shows changes. */
    Document list(Principal principal);

    /**
     * One page of the list, newest first: at most {@code limit} connections (null means 25, above
     * 100 is capped, below 1 is refused) after the opaque {@code cursor} (null for the first page),
     * with {@code next_cursor} naming the next page or null on the last.
     */
    Document listPage(Principal principal, Integer limit, String cursor);

    Document connection(Principal principal, ConnectionId id);

    Document status(Principal principal, ConnectionId id);

    Document runs(Principal principal, ConnectionId id, Integer limit);

    Document events(Principal principal, ConnectionId id, Integer limit);
}
