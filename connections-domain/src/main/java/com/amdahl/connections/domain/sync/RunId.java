package com.amdahl.connections.domain.sync;

import java.util.Objects;

/** Identifies one sync run. */
public record RunId(String value) {
    public RunId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("run id must be 1-64 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
