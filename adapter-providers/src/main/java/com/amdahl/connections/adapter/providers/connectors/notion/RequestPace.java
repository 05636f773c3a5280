package com.amdahl.connections.adapter.providers.connectors.notion;

import com.amdahl.connections.adapter.providers.kit.Sleeper;
import com.amdahl.connections.application.port.out.KnowledgeTarget.Refused;
import com.amdahl.connections.domain.sync.ErrorReason;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A client-side pace for one integration: on average at most {@code perSecond} requests, with a
 * burst of up to 3 at once, shared by every run in this process (one instance per target). Each
 * caller reserves the next slot under a lock and waits for it outside the lock.
 */
final class RequestPace {
    private static final int BURST = 3;

    private final long intervalNanos;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private long next;

    RequestPace(double perSecond, Sleeper sleeper, LongSupplier nanoTime) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.next = nanoTime.getAsLong();
    }

    static RequestPace perSecond(double perSecond, Sleeper sleeper) {
        return new RequestPace(perSecond, sleeper, System::nanoTime);
    }

    /** How long the caller waits for its slot; reserves it. */
    synchronized Duration reserve() {
        if (intervalNanos == 0) {
            return Duration.ZERO;
        }
        long now = nanoTime.getAsLong();
        long earliest = now - (BURST - 1) * intervalNanos; // unused slots of an idle spell make a burst, no more
        if (next < earliest) {
            next = earliest;
        }
        long at = next;
        next += intervalNanos;
        return Duration.ofNanos(Math.max(0, at - now));
    }

    void await() {
        Duration wait = reserve();
        if (wait.isZero()) {
            return;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(ErrorReason.TRANSIENT, null, "interrupted");
        }
    }
}
