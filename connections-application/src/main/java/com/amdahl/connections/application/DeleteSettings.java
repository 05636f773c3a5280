package com.amdahl.connections.application;

import com.amdahl.connections.domain.sync.DeleteGuard;
import java.time.Duration;
import java.util.Objects;

/**
 * Delete detection: the mass-delete guard, how often an incremental stream (which never sees the
 * records it is not told about) gets a full pass to reconcile against
 * ({@code CONNECTIONS_RECONCILE_EVERY}, default weekly; each stream's turn is spread across the
 * period so a fleet's full passes do not all fall on one day), and how long a deleted record keeps
 * its payload ({@code CONNECTIONS_DELETED_RECORD_RETENTION}, default 30 days; the tombstone stays).
 */
public record DeleteSettings(DeleteGuard guard, Duration reconcileEvery, Duration deletedRetention) {
    public DeleteSettings {
        Objects.requireNonNull(guard, "guard");
        for (Duration d : new Duration[] {reconcileEvery, deletedRetention}) {
            Objects.requireNonNull(d, "durations are required");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("delete durations must be positive");
            }
        }
    }

    public static DeleteSettings defaults() {
        return new DeleteSettings(DeleteGuard.DEFAULT, Duration.ofDays(7), Duration.ofDays(30));
    }
}
