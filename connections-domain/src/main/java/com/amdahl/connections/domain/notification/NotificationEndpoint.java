package com.amdahl.connections.domain.notification;

import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where a workspace wants its notifications: a URL, the types it subscribed to, and whether it is
 * on. The signing secret is not part of it: it lives only in the encrypted store and in the one
 * answer that creates or rotates it. {@code failingSince} is when the current run of failed
 * deliveries began (null while deliveries succeed).
 */
public record NotificationEndpoint(NotificationEndpointId id, WorkspaceId workspaceId, String url,
        Set<NotificationType> events, String description, boolean enabled, String disabledReason,
        Instant failingSince, Instant createdAt, Instant updatedAt) {

    /** An endpoint failing for this long is turned off. */
    public static final Duration DISABLE_AFTER = Duration.ofDays(3);
    public static final String DISABLED_FAILING = "failing_for_3_days";

    public NotificationEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
        if (events.contains(NotificationType.PING)) {
            throw new IllegalArgumentException("ping cannot be subscribed to");
        }
    }

    public static NotificationEndpoint create(NotificationEndpointId id, WorkspaceId workspaceId, String url,
            Set<NotificationType> events, String description, Instant now) {
        return new NotificationEndpoint(id, workspaceId, url, events, description, true, null, null, now, now);
    }

    public boolean subscribesTo(NotificationType type) {
        return enabled && events.contains(type);
    }

    /** The edited endpoint; turning it back on forgets why it was off and its failing streak. */
    public NotificationEndpoint edit(String newUrl, Set<NotificationType> newEvents, Boolean newEnabled, Instant now) {
        boolean on = newEnabled == null ? enabled : newEnabled;
        boolean reEnabled = on && !enabled;
        return new NotificationEndpoint(id, workspaceId, newUrl == null ? url : newUrl,
                newEvents == null ? events : newEvents, description, on, on ? null : reasonWhenOff(newEnabled),
                reEnabled ? null : failingSince, createdAt, now);
    }

    private String reasonWhenOff(Boolean newEnabled) {
        return Boolean.FALSE.equals(newEnabled) ? "disabled_by_admin" : disabledReason;
    }

    /** Whether a failing streak has lasted long enough to turn the endpoint off. */
    public boolean shouldDisable(Instant now) {
        return enabled && failingSince != null && !now.isBefore(failingSince.plus(DISABLE_AFTER));
    }
}
