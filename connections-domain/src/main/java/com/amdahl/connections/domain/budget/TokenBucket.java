package com.amdahl.connections.domain.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One provider account's request budget: {@code tokens} at {@code at}. A request reserves a token
 * and is told how long to wait for it ({@link #reserve}); the balance may go negative, which is the
 * queue of requests already promised a later slot, so waiting requests keep their order and the
 * account is paced at the limit's rate. A provider's "not before" ({@code Retry-After}, a limit
 * header at zero until its reset) is a debt that makes the next slot fall at that instant
 * ({@link #pausedUntil}). Pure arithmetic: storage (a map in one process, a row shared through the
 * database) only has to apply it atomically.
 */
public record TokenBucket(double tokens, Instant at) {

    public TokenBucket {
        Objects.requireNonNull(at, "at");
    }

    /** A budget nobody has spent yet: a full burst. */
    public static TokenBucket full(RateLimit limit, Instant now) {
        return new TokenBucket(limit.burst(), now);
    }

    /** The balance at {@code now}: refilled at the limit's rate, never above a burst; time never runs backwards. */
    public TokenBucket refilled(RateLimit limit, Instant now) {
        if (!now.isAfter(at)) {
            return this;
        }
        double elapsed = Duration.between(at, now).toNanos() / 1e9;
        return new TokenBucket(Math.min(limit.burst(), tokens + elapsed * limit.refillPerSecond()), now);
    }

    /**
     * Reserves one request at {@code now} when its slot comes within {@code maxWait}: the answer
     * says how long to wait before sending (zero: at once). A slot further away reserves nothing
     * and says how far it is, so the caller can give up without spending the budget.
     */
    public Reservation reserve(RateLimit limit, Instant now, Duration maxWait) {
        TokenBucket current = refilled(limit, now);
        double after = current.tokens - 1;
        Duration wait = after >= 0 ? Duration.ZERO : seconds(-after / limit.refillPerSecond());
        if (wait.compareTo(maxWait) > 0) {
            return new Reservation(current, wait, false);
        }
        return new Reservation(new TokenBucket(after, current.at), wait, true);
    }

    /** The budget after the provider said "not before {@code until}": no slot earlier than that, then the limit's pace. */
    public TokenBucket pausedUntil(RateLimit limit, Instant until, Instant now) {
        TokenBucket current = refilled(limit, now);
        if (!until.isAfter(now)) {
            return current;
        }
        double debt = 1 - limit.refillPerSecond() * (Duration.between(now, until).toNanos() / 1e9);
        return new TokenBucket(Math.min(current.tokens, debt), current.at);
    }

    /** When the next request reserved at {@code now} could be sent. */
    public Instant nextSlot(RateLimit limit, Instant now) {
        return now.plus(reserve(limit, now, Duration.ofDays(3650)).delay());
    }

    private static Duration seconds(double seconds) {
        return Duration.ofNanos((long) Math.ceil(seconds * 1e9));
    }

    /** The budget after a reservation, how long to wait before sending ({@code delay}), and whether a slot was taken. */
    public record Reservation(TokenBucket bucket, Duration delay, boolean granted) {
    }
}
