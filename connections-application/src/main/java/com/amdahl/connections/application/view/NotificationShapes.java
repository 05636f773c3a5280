package com.amdahl.connections.application.view;

import com.amdahl.connections.application.port.in.ManageNotificationEndpoints.WithSecret;
import com.amdahl.connections.application.port.out.NotificationDelivery;
import com.amdahl.connections.domain.notification.NotificationEndpoint;
import com.amdahl.connections.domain.notification.NotificationType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of notification endpoints and their delivery log, like {@link JsonShapes}. */
public final class NotificationShapes {
    private NotificationShapes() {
    }

    /** {@code {"notification_endpoints":[...]}} */
    public static Map<String, Object> endpointsDocument(List<NotificationEndpoint> endpoints) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("notification_endpoints", endpoints.stream().map(NotificationShapes::endpoint).toList());
        return json;
    }

    /** One endpoint; never its signing secret. */
    public static Map<String, Object> endpoint(NotificationEndpoint endpoint) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", endpoint.id().value());
        json.put("url", endpoint.url());
        json.put("events", endpoint.events().stream().map(NotificationType::wire).sorted().toList());
        json.put("description", endpoint.description());
        json.put("enabled", endpoint.enabled());
        json.put("disabled_reason", endpoint.disabledReason());
        json.put("failing_since", JsonShapes.time(endpoint.failingSince()));
        json.put("created_at", JsonShapes.time(endpoint.createdAt()));
        json.put("updated_at", JsonShapes.time(endpoint.updatedAt()));
        return json;
    }

    /** The endpoint with its signing secret: only the answers of create and rotate-secret. */
    public static Map<String, Object> endpointWithSecret(WithSecret created) {
        Map<String, Object> json = endpoint(created.endpoint());
        json.put("signing_secret", created.signingSecret());
        return json;
    }

    /** {@code {"deliveries":[...]}} */
    public static Map<String, Object> deliveriesDocument(List<NotificationDelivery> deliveries) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("deliveries", deliveries.stream().map(NotificationShapes::delivery).toList());
        return json;
    }

    /** One delivery of the log: never the body sent, never what the receiver answered beyond its status. */
    public static Map<String, Object> delivery(NotificationDelivery delivery) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", delivery.id());
        json.put("event_id", delivery.eventId());
        json.put("type", delivery.type().wire());
        json.put("connection_id", delivery.connectionId() == null ? null : delivery.connectionId().value());
        json.put("state", delivery.state().wire());
        json.put("attempts", delivery.attempts());
        json.put("last_status_code", delivery.lastStatusCode());
        json.put("last_error", delivery.lastError());
        json.put("next_attempt_at", JsonShapes.time(delivery.nextAttemptAt()));
        json.put("created_at", JsonShapes.time(delivery.createdAt()));
        json.put("finished_at", JsonShapes.time(delivery.finishedAt()));
        return json;
    }
}
