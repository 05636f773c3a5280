package com.amdahl.connections.domain.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed delivery is tried again: exponential backoff from {@link #FIRST} doubling up to
 * {@link #CAP}, with "equal jitter" (half the delay fixed, half random) so receivers that come
 * back are not hit by every sender at once; given up {@link #GIVE_UP_AFTER} after the notification
 * was written.
 */
public final class DeliveryBackoff {
    public static final Duration FIRST = Duration.ofSeconds(10);
    public static final Duration CAP = Duration.ofHours(1);
    public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    private DeliveryBackoff() {
    }

    /** The delay after {@code attempts} failed attempts (1 = after the first), before jitter. */
    public static Duration delay(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        int doublings = Math.min(attempts - 1, 20);
        Duration delay = FIRST.multipliedBy(1L << doublings);
        return delay.compareTo(CAP) > 0 ? CAP : delay;
    }

    /**
     * The next attempt after {@code attempts} failed ones, or empty when it would fall after the
     * give-up time. {@code jitter} is uniform in [0, 1).
     */
    public static Optional<Instant> nextAttempt(int attempts, Instant writtenAt, Instant now, double jitter) {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
        long full = delay(attempts).toMillis();
        long wait = full / 2 + (long) (full / 2 * jitter);
        Instant next = now.plusMillis(wait);
        return next.isAfter(writtenAt.plus(GIVE_UP_AFTER)) ? Optional.empty() : Optional.of(next);
    }
}
