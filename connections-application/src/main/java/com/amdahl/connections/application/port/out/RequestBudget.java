package com.amdahl.connections.application.port.out;

import java.time.Instant;

/**
 * The request budget of the provider account a pull spends, shared by every stream, run,
 * connection and process that spends it. A puller calls {@link #acquire()} before each request
 * and tells it what the provider said about its limit ({@link #notBefore}); it never sleeps on its
 * own for a rate limit. Safe to call from any thread (a stream's children share it).
 */
public interface RequestBudget {
    /** No budget: requests go at once (pulls outside the engine: tests, tools). */
    RequestBudget UNLIMITED = new RequestBudget() {
        @Override
        public void acquire() {
        }

        @Override
        public void notBefore(Instant until) {
        }
    };

    /**
     * Returns when one request may be sent, having waited for the account's next slot; throws
     * {@link Exhausted} when that slot is further away than a run waits at once, and
     * {@link Liveness.RunStopped} when the run must stop while it waits.
     */
    void acquire();

    /**
     * The provider said no request of this account should go before {@code until} (a
     * {@code Retry-After}, a remaining count of zero until its reset): every spender waits for it.
     */
    void notBefore(Instant until);

    /** The provider refused a request for its rate limit (a 429 or its variant), asking for no request before {@code until}. */
    default void refused(Instant until) {
        notBefore(until);
    }

    /** The account's next slot is further away than a run waits at once: the stream ends {@code rate_limit}. */
    final class Exhausted extends RuntimeException {
        private final transient Instant until;

        public Exhausted(Instant until) {
            super("the provider's rate limit allows no request before " + until, null, false, false);
            this.until = until;
        }

        public Instant until() {
            return until;
        }
    }
}
