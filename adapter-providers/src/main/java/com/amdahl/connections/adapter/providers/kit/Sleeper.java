package com.amdahl.connections.adapter.providers.kit;

import java.time.Duration;

/** How a stream waits out a {@code Retry-After}; tests record instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
