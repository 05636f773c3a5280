package com.amdahl.connections.domain.health;

import java.time.Instant;
import java.util.Objects;

/** Why a connection has its health: one sentence, since when (if known), and what to do next. */
public record HealthDetail(String reason, Instant since, NextAction nextAction) {
    public HealthDetail {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(nextAction, "nextAction");
    }
}
