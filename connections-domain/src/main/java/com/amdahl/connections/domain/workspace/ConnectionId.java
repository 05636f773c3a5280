package com.amdahl.connections.domain.workspace;

import java.util.Objects;

/** Identifies one connection; opaque to callers. */
public record ConnectionId(String value) {
    public ConnectionId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("connection id must be 1-64 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
