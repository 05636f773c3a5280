package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.out.NotificationDelivery;
import com.amdahl.connections.domain.notification.NotificationEndpoint;
import java.util.List;

/**
 * A workspace's notification endpoints, managed by its admins (REST and console only, never MCP).
 * An id that is unknown or another workspace's is {@code notification_endpoint_not_found}, with
 * one fixed message; members are refused with {@code forbidden}.
 */
public interface ManageNotificationEndpoints {
    /** {@code events} null means every subscribable type. */
    record NewEndpoint(String url, List<String> events, String description) {
    }

    /** Null fields are left as they are. */
    record EndpointChange(String url, List<String> events, Boolean enabled) {
    }

    /** An endpoint with its signing secret: answered once, when created or rotated. */
    record WithSecret(NotificationEndpoint endpoint, String signingSecret) {
    }

    WithSecret create(Principal principal, NewEndpoint request);

    List<NotificationEndpoint> list(Principal principal);

    NotificationEndpoint get(Principal principal, String id);

    NotificationEndpoint update(Principal principal, String id, EndpointChange change);

    void delete(Principal principal, String id);

    WithSecret rotateSecret(Principal principal, String id);

    /** Sends a {@code ping} now (signed like every notification) and answers how it went. */
    NotificationDelivery test(Principal principal, String id);

    /**
     * The endpoint's delivery log, newest first; {@code limit} as the caller wrote it, like the other
     * lists (default 25, at most 100).
     */
    List<NotificationDelivery> deliveries(Principal principal, String id, String limit);
}
