package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.BrowseCatalog;
import com.amdahl.connections.application.port.in.QueryConnections;
import com.amdahl.connections.application.port.in.ReadDocuments;
import com.amdahl.connections.application.view.Document;
import com.amdahl.connections.application.view.JsonShapes;
import com.amdahl.connections.domain.connection.ConnectionId;

/**
 * The reads rendered once, for REST and MCP alike, each tagged by its bytes. The list and single
 * connections (what consoles and agents poll) are kept rendered while nothing they show changes
 * ({@link ConnectionListDocuments}, {@link KeptConnectionDocuments}); runs and events are rendered
 * per read.
 */
final class DocumentService implements ReadDocuments {
    private final QueryConnections queries;
    private final BrowseCatalog catalog;
    private final ConnectionListDocuments lists;
    private final KeptConnectionDocuments singles;

    DocumentService(QueryConnections queries, BrowseCatalog catalog, ConnectionListDocuments lists,
            KeptConnectionDocuments singles) {
        this.queries = queries;
        this.catalog = catalog;
        this.lists = lists;
        this.singles = singles;
    }

    @Override
    public Document catalog(Principal principal, String category, String kind) {
        return Document.ofJson(JsonShapes.catalogDocument(catalog.catalog(principal, category, kind)));
    }

    @Override
    public Document list(Principal principal) {
        return lists.whole(principal);
    }

    @Override
    public Document listPage(Principal principal, Integer limit, String cursor) {
        return lists.page(principal, limit, cursor);
    }

    @Override
    public Document connection(Principal principal, ConnectionId id) {
        return singles.read(principal, id, KeptConnectionDocuments.Shape.CONNECTION, JsonShapes::connection);
    }

    @Override
    public Document status(Principal principal, ConnectionId id) {
        return singles.read(principal, id, KeptConnectionDocuments.Shape.STATUS, JsonShapes::status);
    }

    @Override
    public Document runs(Principal principal, ConnectionId id, Integer limit) {
        return Document.ofJson(JsonShapes.runsDocument(queries.runs(principal, id, limit)));
    }

    @Override
    public Document events(Principal principal, ConnectionId id, Integer limit) {
        return Document.ofJson(JsonShapes.eventsDocument(queries.events(principal, id, limit)));
    }
}
