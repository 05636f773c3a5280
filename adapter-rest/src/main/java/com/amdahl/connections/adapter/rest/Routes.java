package com.amdahl.connections.adapter.rest;

import com.amdahl.connections.adapter.rest.RequestBodies.ConnectRequest;
import com.amdahl.connections.adapter.rest.RequestBodies.ReconnectRequest;
import com.amdahl.connections.adapter.rest.RequestBodies.UpdateRequest;
import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ManageConnection;
import com.amdahl.connections.application.port.in.ReceiveWebhook;
import com.amdahl.connections.application.port.in.CompleteOAuthCallback.CallbackOutcome;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.in.ConnectOutcome;
import com.amdahl.connections.application.port.in.ManageConnection.ConnectionUpdate;
import com.amdahl.connections.application.port.in.ReconnectConnection.Reauthorization;
import com.amdahl.connections.application.view.JsonShapes;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.sync.SyncRun;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every route of CONTRACT section 4: translates HTTP into use-case calls and renders their
 * answers. Rules (permissions, visibility, limits, transitions) stay in the application.
 */
final class Routes {
    static final String BASE = "/api/platform/v1";
    static final String ROUTE_ATTRIBUTE = Routes.class.getName() + ".route";

    /** One registered route; {@code path} is the template the request log shows. */
    record Route(HandlerType method, String path, Handler handler) {
    }

    private final ConnectionsApplication app;
    private final byte[] openApi;

    Routes(ConnectionsApplication app) {
        this.app = app;
        this.openApi = loadOpenApi();
    }

    /**
     * The route table, in registration order: the literal {@code /connections/catalog},
     * {@code /resolve-handle} and {@code /oauth/callback} come before {@code /connections/{id}}.
     */
    List<Route> all() {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route(HandlerType.GET, "/healthz", ctx -> ctx.json(Map.of("ok", true))));
        routes.add(new Route(HandlerType.GET, "/readyz", this::ready));
        routes.add(new Route(HandlerType.GET, BASE + "/me", this::me));
        routes.add(new Route(HandlerType.GET, BASE + "/openapi.json",
                ctx -> ctx.contentType("application/json").result(openApi)));

        routes.add(new Route(HandlerType.GET, BASE + "/connections/catalog", this::catalog));
        routes.add(new Route(HandlerType.GET, BASE + "/connections/resolve-handle", this::resolveHandle));
        routes.add(new Route(HandlerType.GET, BASE + "/connections/oauth/callback", this::oauthCallback));
        routes.add(new Route(HandlerType.GET, BASE + "/connections", this::list));
        routes.add(new Route(HandlerType.POST, BASE + "/connections", this::connect));
        routes.add(new Route(HandlerType.GET, BASE + "/connections/{id}", this::get));
        routes.add(new Route(HandlerType.PATCH, BASE + "/connections/{id}", this::update));
        routes.add(new Route(HandlerType.DELETE, BASE + "/connections/{id}", this::disconnect));
        routes.add(new Route(HandlerType.GET, BASE + "/connections/{id}/status", this::status));
        routes.add(new Route(HandlerType.GET, BASE + "/connections/{id}/runs", this::runs));
        routes.add(new Route(HandlerType.GET, BASE + "/connections/{id}/events", this::events));
        routes.add(new Route(HandlerType.GET, BASE + "/connections/{id}/records", this::records));
        routes.add(new Route(HandlerType.GET, BASE + "/connections/{id}/records/streams", this::recordStreams));
        routes.add(new Route(HandlerType.DELETE, BASE + "/connections/{id}/records", this::purgeRecords));
        routes.add(new Route(HandlerType.POST, BASE + "/records/erasure", this::eraseSubject));
        routes.add(new Route(HandlerType.POST, BASE + "/connections/{id}/reconnect", this::reconnect));
        routes.add(new Route(HandlerType.POST, BASE + "/connections/{id}/sync", this::sync));
        routes.add(new Route(HandlerType.POST, BASE + "/connections/{id}/pause", this::pause));
        routes.add(new Route(HandlerType.POST, BASE + "/connections/{id}/resume", this::resume));
        routes.add(new Route(HandlerType.POST, BASE + "/connections/{id}/test", this::test));

        routes.addAll(new NotificationRoutes(app).all());
        routes.addAll(new KnowledgeSyncRoutes(app).all());
        routes.add(new Route(HandlerType.POST, BASE + "/webhooks/{workspace_id}/{id}", this::webhook));
        routes.add(new Route(HandlerType.GET, "/api/admin/connector-cadence", this::cadences));
        routes.add(new Route(HandlerType.PUT, "/api/admin/connector-cadence/{type}", this::setCadence));
        return List.copyOf(routes);
    }

    // ---- operations -----------------------------------------------------------------------

    /** Readiness for probes: the database answers and its migrations are current; no auth. */
    private void ready(Context ctx) {
        var reason = app.operations().notReadyReason();
        if (reason.isPresent()) {
            throw new ApiError(503, "not_ready", reason.get(), Map.of());
        }
        ctx.json(Map.of("ok", true));
    }

    /** Who the token belongs to, so a console can offer only what its user may do. */
    private void me(Context ctx) {
        ctx.json(JsonShapes.me(Auth.principal(ctx, app)));
    }

    // ---- catalog and reads ----------------------------------------------------------------

    private void catalog(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        Conditional.answer(ctx, app.documents().catalog(principal, ctx.queryParam("category"), ctx.queryParam("kind")));
    }

    /** The whole list as the seed describes it; {@code ?limit=} and/or {@code ?cursor=} ask for a page. */
    private void list(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        String limit = ctx.queryParam("limit");
        String cursor = ctx.queryParam("cursor");
        Conditional.answer(ctx, limit != null || cursor != null ? app.documents().listPage(principal, limit, cursor)
                : app.documents().list(principal));
    }

    private void get(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        Conditional.answer(ctx, app.documents().connection(principal, id(ctx)));
    }

    private void status(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        Conditional.answer(ctx, app.documents().status(principal, id(ctx)));
    }

    private void runs(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        Conditional.answer(ctx, app.documents().runs(principal, id(ctx), ctx.queryParam("limit")));
    }

    private void events(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        Conditional.answer(ctx, app.documents().events(principal, id(ctx), ctx.queryParam("limit")));
    }

    /** The synced records as a change feed (CONTRACT 10): {@code ?stream=&cursor=&limit=}. */
    private void records(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        Conditional.answer(ctx, app.records().page(principal, id(ctx), ctx.queryParam("stream"), ctx.queryParam("cursor"),
                ctx.queryParam("limit")));
    }

    private void recordStreams(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        Conditional.answer(ctx, app.records().streams(principal, id(ctx)));
    }

    private void resolveHandle(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        var resolved = app.resolveHandle().resolve(principal, ctx.queryParam("connector_type"),
                ctx.queryParam("handle"));
        ctx.json(JsonShapes.resolvedHandle(resolved));
    }

    // ---- writes ---------------------------------------------------------------------------

    // Each write reads its body only when the use case asks, after the scope and the id were judged.

    private void connect(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        ConnectOutcome outcome;
        try {
            outcome = app.connect().connect(principal, () -> {
                ConnectRequest body = RequestBodies.connect(ctx);
                return new ConnectCommand(body.connectorType(), body.name(), body.scope(), body.returnTo(),
                        body.apiKey(), body.accountHandle(), body.externalAccountId(), body.displayName(),
                        body.followers());
            });
        } catch (ConnectionsException refused) {
            if (refused.code() == ErrorCode.HANDLE_NOT_FOUND) {
                // CONTRACT 9.9: a connect naming a handle that does not resolve is unprocessable, not missing.
                throw new ApiError(422, refused.code().wire(), refused.getMessage(), refused.details());
            }
            throw refused;
        }
        ctx.status(outcome.created() ? 201 : 200).json(JsonShapes.connectOutcome(outcome));
    }

    private void update(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        var view = app.manage().update(principal, id(ctx), () -> {
            UpdateRequest body = RequestBodies.update(ctx);
            return new ConnectionUpdate(body.name(), body.ownerMentioned(), body.ownerUserId());
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("updated", true);
        answer.put("connection", JsonShapes.connection(view));
        ctx.json(answer);
    }

    /** An admin's purge of one connection's records (audited): {@code {"purged": n}}. */
    private void purgeRecords(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        ctx.contentType("application/json").result(app.recordRemoval().purge(principal, id(ctx)).body());
    }

    /** Erasure of a data subject across the workspace: counts per connection and stream, never content. */
    private void eraseSubject(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        ctx.contentType("application/json").result(app.recordRemoval().erase(principal,
                () -> RequestBodies.erasure(ctx)).body());
    }

    private void disconnect(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        var view = app.manage().disconnect(principal, id(ctx));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("disconnected", true);
        answer.put("id", view.connection().id().value());
        ctx.json(answer);
    }

    private void reconnect(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        ConnectOutcome outcome = app.reconnect().reconnect(principal, id(ctx), () -> {
            ReconnectRequest body = RequestBodies.reconnect(ctx);
            return new Reauthorization(body.apiKey(), body.returnTo());
        });
        ctx.status(200).json(JsonShapes.connectOutcome(outcome));
    }

    private void sync(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        SyncRun run = app.manage().requestSync(principal, id(ctx), () -> {
            RequestBodies.SyncRequest body = RequestBodies.sync(ctx);
            return new ManageConnection.SyncOptions(body.fullRefresh(), body.confirmDeletes());
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sync_run_id", run.id().value());
        answer.put("status", run.status().wire());
        ctx.status(202).json(answer);
    }

    private void pause(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        ctx.json(JsonShapes.connection(app.manage().pause(principal, id(ctx))));
    }

    private void resume(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        ctx.json(JsonShapes.connection(app.manage().resume(principal, id(ctx))));
    }

    private void test(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        ctx.json(JsonShapes.credentialTest(app.testCredentials().test(principal, id(ctx))));
    }

    // ---- OAuth callback (authenticated by state, not bearer) ------------------------------

    private void oauthCallback(Context ctx) {
        CallbackOutcome outcome = app.oauthCallback().complete(ctx.queryParam("state"), ctx.queryParam("code"),
                ctx.queryParam("error"));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        if (outcome.redirectUrl() != null) {
            ctx.redirect(outcome.redirectUrl(), io.javalin.http.HttpStatus.FOUND);
            return;
        }
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        ctx.status(outcome.succeeded() ? 200 : 400).html(OAuthPage.render(outcome));
    }

    /** A signed delivery: the signature is the credential, so there is no bearer token here. */
    private void webhook(Context ctx) {
        String deliveryId = app.webhooks().receive(ctx.pathParam("workspace_id"), ctx.pathParam("id"),
                ctx.header(ReceiveWebhook.TIMESTAMP_HEADER), ctx.header(ReceiveWebhook.SIGNATURE_HEADER),
                ctx.header(ReceiveWebhook.DELIVERY_HEADER), ctx.bodyAsBytes());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", true);
        answer.put("delivery_id", deliveryId);
        ctx.status(202);
        ctx.json(answer);
    }

    // ---- platform admin -------------------------------------------------------------------

    private void cadences(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        ctx.json(JsonShapes.cadencesDocument(app.cadence().list(principal)));
    }

    private void setCadence(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        try {
            ctx.json(JsonShapes.cadence(app.cadence().override(principal, ctx.pathParam("type"),
                    () -> RequestBodies.cadence(ctx).cadence())));
        } catch (ConnectionsException refused) {
            if (refused.code() == ErrorCode.UNKNOWN_CONNECTOR_TYPE) {
                // CONTRACT 9.7: the type is the resource in the path, so an unknown one is missing.
                throw new ApiError(404, refused.code().wire(), refused.getMessage(), refused.details());
            }
            throw refused;
        }
    }

    // ---- parameters -----------------------------------------------------------------------

    /**
     * The connection id of the path, as the caller wrote it: the use case judges it after the
     * scope. One as long as an id can be tags the request's log lines.
     */
    private static String id(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.isBlank() && id.length() <= LogContext.MAX_CONNECTION_ID) {
            org.slf4j.MDC.put(LogContext.CONNECTION_ID, id);
        }
        return id;
    }

    private static byte[] loadOpenApi() {
        try (InputStream in = Routes.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
