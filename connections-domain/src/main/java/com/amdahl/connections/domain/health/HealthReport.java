package com.amdahl.connections.domain.health;

import java.util.Objects;

/** A connection's health badge together with its explanation. */
public record HealthReport(Health health, HealthDetail detail) {
    public HealthReport {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(detail, "detail");
    }
}
