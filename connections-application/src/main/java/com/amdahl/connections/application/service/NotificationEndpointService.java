package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Permissions;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.in.ManageNotificationEndpoints;
import com.amdahl.connections.application.port.out.NotificationDelivery;
import com.amdahl.connections.application.port.out.NotificationPorts;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.WireNames;
import com.amdahl.connections.domain.notification.NotificationEndpoint;
import com.amdahl.connections.domain.notification.NotificationEndpointId;
import com.amdahl.connections.domain.notification.NotificationType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Notification endpoints of a workspace, for its admins only: scope first, then role (a member
 * is refused before any lookup, so nothing about ids leaks), then the one not-found answer.
 */
final class NotificationEndpointService implements ManageNotificationEndpoints {
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_ENDPOINTS = 20;

    private final NotificationPorts ports;
    private final TargetPolicy targets;
    private final NotificationDeliveryService delivery;
    private final Clock clock;

    NotificationEndpointService(NotificationPorts ports, TargetPolicy targets, NotificationDeliveryService delivery,
            Clock clock) {
        this.ports = ports;
        this.targets = targets;
        this.delivery = delivery;
        this.clock = clock;
    }

    @Override
    public WithSecret create(Principal principal, NewEndpoint request) {
        requireAdmin(principal, TokenScope.CONNECTIONS_WRITE);
        Map<String, Object> problems = new LinkedHashMap<>();
        targets.refusal(request.url()).ifPresent(why -> problems.put("url", why));
        Set<NotificationType> events = request.events() == null ? NotificationType.defaults()
                : events(request.events(), problems);
        if (request.description() != null && request.description().length() > MAX_DESCRIPTION) {
            problems.put("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        refuseIfAny(problems);
        if (ports.endpoints().list(principal.workspaceId()).size() >= MAX_ENDPOINTS) {
            throw new ConnectionsException(ErrorCode.VALIDATION_FAILED, "A workspace may have at most "
                    + MAX_ENDPOINTS + " notification endpoints", Map.of("url", "too many endpoints"));
        }
        NotificationEndpoint endpoint = NotificationEndpoint.create(new NotificationEndpointId(UUID.randomUUID().toString()),
                principal.workspaceId(), request.url(), events, request.description(), clock.instant());
        String secret = newSecret();
        ports.endpoints().insert(endpoint, secret);
        return new WithSecret(endpoint, secret);
    }

    @Override
    public List<NotificationEndpoint> list(Principal principal) {
        requireAdmin(principal, TokenScope.CONNECTIONS_READ);
        return ports.endpoints().list(principal.workspaceId());
    }

    @Override
    public NotificationEndpoint get(Principal principal, String id) {
        requireAdmin(principal, TokenScope.CONNECTIONS_READ);
        return require(principal, id);
    }

    @Override
    public NotificationEndpoint update(Principal principal, String id, EndpointChange change) {
        requireAdmin(principal, TokenScope.CONNECTIONS_WRITE);
        NotificationEndpoint current = require(principal, id);
        Map<String, Object> problems = new LinkedHashMap<>();
        if (change.url() != null) {
            targets.refusal(change.url()).ifPresent(why -> problems.put("url", why));
        }
        Set<NotificationType> events = change.events() == null ? null : events(change.events(), problems);
        refuseIfAny(problems);
        NotificationEndpoint next = current.edit(change.url(), events, change.enabled(), clock.instant());
        ports.endpoints().update(next);
        return next;
    }

    @Override
    public void delete(Principal principal, String id) {
        requireAdmin(principal, TokenScope.CONNECTIONS_WRITE);
        if (!ports.endpoints().delete(principal.workspaceId(), parse(id))) {
            throw ConnectionsException.notificationEndpointNotFound();
        }
    }

    @Override
    public WithSecret rotateSecret(Principal principal, String id) {
        requireAdmin(principal, TokenScope.CONNECTIONS_WRITE);
        NotificationEndpoint endpoint = require(principal, id);
        String secret = newSecret();
        ports.endpoints().replaceSecret(endpoint.workspaceId(), endpoint.id(), secret);
        return new WithSecret(endpoint, secret);
    }

    @Override
    public NotificationDelivery test(Principal principal, String id) {
        requireAdmin(principal, TokenScope.CONNECTIONS_WRITE);
        return delivery.ping(require(principal, id));
    }

    @Override
    public List<NotificationDelivery> deliveries(Principal principal, String id, String limit) {
        Integer asked = Limits.parse(limit); // what is not a number is refused first, as it always was here
        requireAdmin(principal, TokenScope.CONNECTIONS_READ);
        int effective = Limits.effective(asked);
        NotificationEndpoint endpoint = require(principal, id);
        return ports.outbox().recent(endpoint.workspaceId(), endpoint.id(), effective);
    }

    private static void requireAdmin(Principal principal, TokenScope scope) {
        Permissions.requireScope(principal, scope);
        if (!principal.isAdmin()) {
            throw new ConnectionsException(ErrorCode.FORBIDDEN, "Only workspace admins may manage notification endpoints");
        }
    }

    private NotificationEndpoint require(Principal principal, String id) {
        return ports.endpoints().find(principal.workspaceId(), parse(id))
                .orElseThrow(ConnectionsException::notificationEndpointNotFound);
    }

    private static NotificationEndpointId parse(String id) {
        try {
            return new NotificationEndpointId(id);
        } catch (IllegalArgumentException | NullPointerException impossible) {
            throw ConnectionsException.notificationEndpointNotFound();
        }
    }

    private static Set<NotificationType> events(List<String> names, Map<String, Object> problems) {
        Set<NotificationType> events = EnumSet.noneOf(NotificationType.class);
        for (String name : names) {
            Optional<NotificationType> type = WireNames.parse(NotificationType.class, name);
            if (type.isEmpty() || !NotificationType.subscribable().contains(type.get())) {
                problems.put("events", "each must be one of " + NotificationType.subscribable().stream()
                        .map(NotificationType::wire).toList());
                return events;
            }
            events.add(type.get());
        }
        if (events.isEmpty()) {
            problems.put("events", "must name at least one event type");
        }
        return events;
    }

    private static void refuseIfAny(Map<String, Object> problems) {
        if (!problems.isEmpty()) {
            throw new ConnectionsException(ErrorCode.VALIDATION_FAILED, "The request has invalid fields: "
                    + String.join(", ", new java.util.TreeSet<>(problems.keySet())), problems);
        }
    }

    /** 256 random bits, recognisable in a secret scanner by its prefix. */
    private static String newSecret() {
        return "whsec_" + Secrets.random(32);
    }
}
