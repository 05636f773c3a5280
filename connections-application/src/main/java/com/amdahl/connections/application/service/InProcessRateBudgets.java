package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.out.RateBudgets;
import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.domain.budget.TokenBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The budgets of one process (H2, embedders without shared storage): one bucket per key, each
 * changed atomically by {@link ConcurrentHashMap#compute}. Budgets untouched for a day are dropped
 * when the map is large, so it holds only the accounts being synced.
 */
final class InProcessRateBudgets implements RateBudgets {
    private static final int TIDY_ABOVE = 10_000;
    private static final Duration IDLE = Duration.ofDays(1);

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Override
    public TokenBucket.Reservation reserve(String key, RateLimit limit, Instant now, Duration maxWait) {
        tidy(now);
        TokenBucket.Reservation[] answer = new TokenBucket.Reservation[1];
        buckets.compute(key, (k, bucket) -> {
            answer[0] = (bucket == null ? TokenBucket.full(limit, now) : bucket).reserve(limit, now, maxWait);
            return answer[0].bucket();
        });
        return answer[0];
    }

    @Override
    public void pauseUntil(String key, RateLimit limit, Instant until, Instant now) {
        buckets.compute(key, (k, bucket) -> (bucket == null ? TokenBucket.full(limit, now) : bucket)
                .pausedUntil(limit, until, now));
    }

    private void tidy(Instant now) {
        if (buckets.size() > TIDY_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.at().plus(IDLE).isBefore(now));
        }
    }
}
