package com.amdahl.connections.adapter.rest;

import com.amdahl.connections.adapter.rest.Routes.Route;
import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ManageNotificationEndpoints;
import com.amdahl.connections.application.port.in.ManageNotificationEndpoints.EndpointChange;
import com.amdahl.connections.application.port.in.ManageNotificationEndpoints.NewEndpoint;
import com.amdahl.connections.application.view.NotificationShapes;
import com.amdahl.connections.domain.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notification endpoints (issue 17): admins register where signed notifications go, test them and
 * read their delivery log. Not on MCP. Rules live in {@link ManageNotificationEndpoints}; this
 * reads bodies strictly (wrong types are 400 naming the field) and renders the answers.
 */
final class NotificationRoutes {
    private static final String BASE = Routes.BASE + "/notification-endpoints";

    private final ConnectionsApplication app;

    NotificationRoutes(ConnectionsApplication app) {
        this.app = app;
    }

    List<Route> all() {
        return List.of(
                new Route(HandlerType.GET, BASE, this::list),
                new Route(HandlerType.POST, BASE, this::create),
                new Route(HandlerType.GET, BASE + "/{id}", this::get),
                new Route(HandlerType.PATCH, BASE + "/{id}", this::update),
                new Route(HandlerType.DELETE, BASE + "/{id}", this::delete),
                new Route(HandlerType.POST, BASE + "/{id}/rotate-secret", this::rotateSecret),
                new Route(HandlerType.POST, BASE + "/{id}/test", this::test),
                new Route(HandlerType.GET, BASE + "/{id}/deliveries", this::deliveries));
    }

    private ManageNotificationEndpoints endpoints() {
        return app.notifications().endpoints();
    }

    private void list(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        ctx.json(NotificationShapes.endpointsDocument(endpoints().list(principal)));
    }

    private void create(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        JsonNode body = RequestBodies.read(ctx);
        Map<String, Object> problems = new LinkedHashMap<>();
        NewEndpoint request = new NewEndpoint(text(body, "url", problems), texts(body, "events", problems),
                text(body, "description", problems));
        refuseIfAny(problems);
        ctx.status(201).json(NotificationShapes.endpointWithSecret(endpoints().create(principal, request)));
    }

    private void get(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        ctx.json(NotificationShapes.endpoint(endpoints().get(principal, ctx.pathParam("id"))));
    }

    private void update(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        JsonNode body = RequestBodies.read(ctx);
        Map<String, Object> problems = new LinkedHashMap<>();
        EndpointChange change = new EndpointChange(text(body, "url", problems), texts(body, "events", problems),
                bool(body, "enabled", problems));
        refuseIfAny(problems);
        ctx.json(NotificationShapes.endpoint(endpoints().update(principal, ctx.pathParam("id"), change)));
    }

    private void delete(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        String id = ctx.pathParam("id");
        endpoints().delete(principal, id);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deleted", true);
        answer.put("id", id);
        ctx.json(answer);
    }

    private void rotateSecret(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        ctx.json(NotificationShapes.endpointWithSecret(endpoints().rotateSecret(principal, ctx.pathParam("id"))));
    }

    private void test(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("delivery", NotificationShapes.delivery(endpoints().test(principal, ctx.pathParam("id"))));
        ctx.json(answer);
    }

    private void deliveries(Context ctx) {
        Principal principal = Auth.principal(ctx, app);
        ctx.json(NotificationShapes.deliveriesDocument(
                endpoints().deliveries(principal, ctx.pathParam("id"), ctx.queryParam("limit"))));
    }

    // ---- strict field reading -------------------------------------------------------------

    private static String text(JsonNode body, String field, Map<String, Object> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.put(field, "must be a string");
            return null;
        }
        return value.textValue();
    }

    private static List<String> texts(JsonNode body, String field, Map<String, Object> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            problems.put(field, "must be an array of strings");
            return null;
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                problems.put(field, "must be an array of strings");
                return null;
            }
            items.add(item.textValue());
        }
        return items;
    }

    private static Boolean bool(JsonNode body, String field, Map<String, Object> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            problems.put(field, "must be a boolean");
            return null;
        }
        return value.booleanValue();
    }

    private static void refuseIfAny(Map<String, Object> problems) {
        if (!problems.isEmpty()) {
            throw new ApiError(ErrorCode.VALIDATION_FAILED, "The request has invalid fields: "
                    + String.join(", ", new java.util.TreeSet<>(problems.keySet())), problems);
        }
    }
}
