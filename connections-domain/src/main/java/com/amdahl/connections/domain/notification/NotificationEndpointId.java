package com.amdahl.connections.domain.notification;

import java.util.Objects;

/** Identifies one notification endpoint; opaque to callers. */
public record NotificationEndpointId(String value) {
    public NotificationEndpointId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("notification endpoint id must be 1-64 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
