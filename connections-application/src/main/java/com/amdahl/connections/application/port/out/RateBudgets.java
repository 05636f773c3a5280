package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.domain.budget.TokenBucket;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the request budgets live, by key (a hash of the connector type and the provider account:
 * never an id or a secret in clear). Each call applies the {@link TokenBucket} arithmetic to the
 * stored bucket atomically: in one process's memory on H2, in one locked row on PostgreSQL so every
 * instance spends the same budget. A key that has no bucket yet starts full.
 */
public interface RateBudgets {

    /** {@link TokenBucket#reserve} on the key's bucket, stored when granted. */
    TokenBucket.Reservation reserve(String key, RateLimit limit, Instant now, Duration maxWait);

    /** {@link TokenBucket#pausedUntil} on the key's bucket. */
    void pauseUntil(String key, RateLimit limit, Instant until, Instant now);
}
