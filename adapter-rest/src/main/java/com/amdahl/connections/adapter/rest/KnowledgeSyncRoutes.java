package com.amdahl.connections.adapter.rest;

import com.amdahl.connections.adapter.rest.RequestBodies.KnowledgeSyncRequest;
import com.amdahl.connections.adapter.rest.Routes.Route;
import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ManageKnowledgeSync.SettingsChange;
import com.amdahl.connections.application.view.KnowledgeShapes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * The surface of an outbound knowledge sync (CONTRACT 11): its settings and the databases its grant
 * sees. Rules live in {@code ManageKnowledgeSync}; this reads the body strictly and renders.
 */
final class KnowledgeSyncRoutes {
    private static final String BASE = Routes.BASE + "/connections/{id}/knowledge-sync";

    private final ConnectionsApplication app;

    KnowledgeSyncRoutes(ConnectionsApplication app) {
        this.app = app;
    }

    List<Route> all() {
        return List.of(
                new Route(HandlerType.GET, BASE, this::get),
                new Route(HandlerType.PUT, BASE, this::put),
                new Route(HandlerType.GET, BASE + "/databases", this::databases));
    }

    private void get(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        ctx.json(KnowledgeShapes.knowledgeSync(app.knowledgeSync().read(principal, ctx.pathParam("id"))));
    }

    private void put(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        ctx.json(KnowledgeShapes.knowledgeSync(app.knowledgeSync().write(principal, ctx.pathParam("id"), () -> {
            KnowledgeSyncRequest body = RequestBodies.knowledgeSync(ctx);
            return new SettingsChange(body.databaseId(), body.policy(), body.tagsProperty(), body.updatedProperty());
        })));
    }

    private void databases(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        ctx.json(KnowledgeShapes.databases(app.knowledgeSync().databases(principal, ctx.pathParam("id"))));
    }
}
