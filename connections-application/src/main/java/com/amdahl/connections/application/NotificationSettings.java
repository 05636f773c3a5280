package com.amdahl.connections.application;

import java.time.Duration;

/**
 * Outbound notifications. Targets are {@code https} on public addresses unless {@code allowHttp} /
 * {@code allowPrivate} (tests, local setups). A claimed delivery is leased for {@code lease}: a
 * worker that dies mid-delivery frees it after that long.
 */
public record NotificationSettings(boolean allowHttp, boolean allowPrivate, Duration lease) {
    public NotificationSettings {
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive");
        }
    }

    public static NotificationSettings defaults() {
        return new NotificationSettings(false, false, Duration.ofMinutes(1));
    }

    public NotificationSettings withAllowHttp(boolean value) {
        return new NotificationSettings(value, allowPrivate, lease);
    }

    public NotificationSettings withAllowPrivate(boolean value) {
        return new NotificationSettings(allowHttp, value, lease);
    }
}
