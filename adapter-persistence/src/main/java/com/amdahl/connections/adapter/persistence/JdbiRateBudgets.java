package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.RateBudgets;
import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.domain.budget.TokenBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/**
 * Request budgets shared through the database: one {@code rate_budgets} row per key, read with
 * {@code SELECT ... FOR UPDATE} and written back in the same short transaction, so every instance
 * applies the {@link TokenBucket} arithmetic to the same bucket one request at a time. A key seen
 * for the first time is inserted full; two instances inserting it at once are told apart by the
 * primary key, and the loser reads the winner's row.
 */
final class JdbiRateBudgets implements RateBudgets {
    private final Database db;

    JdbiRateBudgets(Database db) {
        this.db = db;
    }

    @Override
    public TokenBucket.Reservation reserve(String key, RateLimit limit, Instant now, Duration maxWait) {
        TokenBucket.Reservation[] answer = new TokenBucket.Reservation[1];
        change(key, limit, now, bucket -> {
            answer[0] = bucket.reserve(limit, now, maxWait);
            return answer[0].bucket();
        });
        return answer[0];
    }

    @Override
    public void pauseUntil(String key, RateLimit limit, Instant until, Instant now) {
        change(key, limit, now, bucket -> bucket.pausedUntil(limit, until, now));
    }

    private void change(String key, RateLimit limit, Instant now, UnaryOperator<TokenBucket> step) {
        for (int attempt = 0; ; attempt++) {
            try {
                db.inOwnOrCurrentTransaction(handle -> {
                    Optional<TokenBucket> stored = locked(handle, key);
                    if (stored.isEmpty()) {
                        handle.createUpdate("INSERT INTO rate_budgets (budget_key, tokens, updated_at) VALUES (:k, :t, :at)")
                                .bind("k", key).bind("t", 0.0).bind("at", Sql.ts(now)).execute();
                        stored = locked(handle, key).map(row -> TokenBucket.full(limit, now));
                    }
                    TokenBucket next = step.apply(stored.orElseThrow());
                    handle.createUpdate("UPDATE rate_budgets SET tokens = :t, updated_at = :at WHERE budget_key = :k")
                            .bind("k", key).bind("t", next.tokens()).bind("at", Sql.ts(next.at())).execute();
                    return null;
                });
                return;
            } catch (RuntimeException raced) {
                if (attempt > 0 || !Sql.isUniqueViolation(raced, null)) {
                    throw raced;
                }
                // another instance created the row first: read theirs
            }
        }
    }

    private static Optional<TokenBucket> locked(Handle handle, String key) {
        return handle.createQuery("SELECT tokens, updated_at FROM rate_budgets WHERE budget_key = :k FOR UPDATE")
                .bind("k", key)
                .map((rs, ctx) -> new TokenBucket(rs.getDouble("tokens"), Sql.instant(rs, "updated_at"))).findOne();
    }
}
