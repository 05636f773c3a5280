package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.BrowseCatalog;
import com.amdahl.connections.application.port.in.QueryConnections;
import com.amdahl.connections.application.port.in.ReadDocuments;
import com.amdahl.connections.application.view.Document;
import com.amdahl.connections.application.view.JsonShapes;
import com.amdahl.connections.domain.connection.ConnectionId;

/**
 * The reads rendered once, for REST and MCP alike. Single connections, runs and events are small
 * and need their query for the visibility check anyway, so they are rendered per read and tagged
 * by their bytes; the list is the one worth keeping rendered ({@link ConnectionListDocuments}).
 */
final class DocumentService implements ReadDocuments {
    private final QueryConnections queries;
    private final BrowseCatalog catalog;
    private final ConnectionListDocuments lists;

    DocumentService(QueryConnections queries, BrowseCatalog catalog, ConnectionListDocuments lists) {
        this.queries = queries;
        this.catalog = catalog;
        this.lists = lists;
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
        return Document.ofJson(JsonShapes.connection(queries.get(principal, id)));
    }

    @Override
    public Document status(Principal principal, ConnectionId id) {
        return Document.ofJson(JsonShapes.status(queries.get(principal, id)));
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
