package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Permissions;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.in.BrowseCatalog;
import com.amdahl.connections.application.port.in.ReadDocuments;
import com.amdahl.connections.application.view.Document;
import com.amdahl.connections.application.view.JsonShapes;
import com.amdahl.connections.application.port.out.WorkspaceDirectory;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The reads rendered once, for REST and MCP alike, each tagged by its bytes. Each read checks the
 * scope once, then judges the raw id and limit, then visibility. The list and single connections
 * (what consoles and agents poll) are kept rendered while nothing they show changes
 * ({@link ConnectionListDocuments}, {@link KeptConnectionDocuments}); runs and events are rendered
 * per read.
 */
final class DocumentService implements ReadDocuments {
    private final ConnectionQueryService queries;
    private final BrowseCatalog catalog;
    private final ConnectionListDocuments lists;
    private final KeptConnectionDocuments singles;
    private final java.time.Clock clock;
    private final WorkspaceDirectory workspaces;

    DocumentService(ConnectionQueryService queries, BrowseCatalog catalog, ConnectionListDocuments lists,
            KeptConnectionDocuments singles, java.time.Clock clock, WorkspaceDirectory workspaces) {
        this.clock = clock;
        this.workspaces = workspaces;
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
        admit(principal);
        return lists.whole(principal);
    }

    @Override
    public Document listPage(Principal principal, String limit, String cursor) {
        admit(principal);
        return lists.page(principal, Limits.effective(Limits.parse(limit)), cursor);
    }

    @Override
    public Document connection(Principal principal, String id) {
        admit(principal);
        return singles.read(principal, ConnectionStore.parseId(id), KeptConnectionDocuments.Shape.CONNECTION,
                JsonShapes::connection);
    }

    @Override
    public Document status(Principal principal, String id) {
        admit(principal);
        return singles.read(principal, ConnectionStore.parseId(id), KeptConnectionDocuments.Shape.STATUS,
                JsonShapes::status);
    }

    @Override
    public Document runs(Principal principal, String id, String limit) {
        admit(principal);
        ConnectionId connection = ConnectionStore.parseId(id);
        int effective = Limits.effective(Limits.parse(limit));
        return Document.ofJson(JsonShapes.runsDocument(queries.visibleRuns(principal, connection, effective)));
    }

    @Override
    public Document events(Principal principal, String id, String limit) {
        admit(principal);
        ConnectionId connection = ConnectionStore.parseId(id);
        int effective = Limits.effective(Limits.parse(limit));
        return Document.ofJson(JsonShapes.eventsDocument(queries.visibleEvents(principal, connection, effective)));
    }

    @Override
    public void admit(Principal principal) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_READ);
    }

    @Override
    public Duration freshFor(Document document) {
        if (document.unchangedUntil() == null) {
            return MAX_FRESHNESS;
        }
        Duration left = Duration.between(clock.instant(), document.unchangedUntil());
        return left.isNegative() ? Duration.ZERO : left.compareTo(MAX_FRESHNESS) > 0 ? MAX_FRESHNESS : left;
    }

    @Override
    public AutoCloseable onChange(Consumer<WorkspaceId> listener) {
        return workspaces.onChange(listener);
    }
}
