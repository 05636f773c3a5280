package com.amdahl.connections.domain.budget;

import java.time.Duration;
import java.util.Objects;

/**
 * A provider's declared request limit for one account: {@code requests} per {@code window}
 * (HubSpot 100 per 10 s, Notion 3 per second, Aircall 60 per minute ...). The budget spends a
 * share of it ({@link #SHARE}) so that clock skew and arrival jitter never tip a window over, and
 * allows bursts of a twentieth of the window's requests (at least one).
 */
public record RateLimit(int requests, Duration window) {
    /**
     * The part of the declared limit the budget spends. The rest is room for arrival jitter: at
     * 92% the request that would be the limit+1st of a window arrives 1/0.92 windows after the
     * first, so a request up to 8.7% of a window late (87 ms of a second) still never makes a
     * rolling window overflow. At 95% a loaded two-core machine saw one 429 in 160 requests.
     */
    public static final double SHARE = 0.92;

    public RateLimit {
        Objects.requireNonNull(window, "window");
        if (requests < 1) {
            throw new IllegalArgumentException("a rate limit allows at least one request");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit's window must be positive");
        }
    }

    public static RateLimit perSecond(int requests) {
        return new RateLimit(requests, Duration.ofSeconds(1));
    }

    public static RateLimit perMinute(int requests) {
        return new RateLimit(requests, Duration.ofMinutes(1));
    }

    /**
     * A limit written {@code N/DURATION}, e.g. {@code 40/PT2S} (a plan's own limit, set by an
     * operator); empty when the text is not that.
     */
    public static java.util.Optional<RateLimit> parse(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        int slash = text.indexOf('/');
        try {
            return java.util.Optional.of(new RateLimit(Integer.parseInt(text.substring(0, Math.max(0, slash)).strip()),
                    Duration.parse(text.substring(slash + 1).strip())));
        } catch (RuntimeException notALimit) {
            return java.util.Optional.empty();
        }
    }

    /** Requests per second the budget refills: the spent share of the declared rate. */
    public double refillPerSecond() {
        return SHARE * requests / (window.toNanos() / 1e9);
    }

    /** Requests that may go at once after a quiet spell. */
    public double burst() {
        return Math.max(1.0, Math.floor(requests / 20.0));
    }
}
