package com.amdahl.connections.domain.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One row of the health precedence table: it either applies to the facts and explains itself, or it does not. */
interface HealthRule {
    Optional<HealthReport> evaluate(HealthFacts facts, Instant now, Duration freshnessThreshold);
}
