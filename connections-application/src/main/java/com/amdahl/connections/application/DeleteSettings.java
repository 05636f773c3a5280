package com.amdahl.connections.application;

import com.amdahl.connections.domain.sync.DeleteGuard;
import java.time.Duration;
import java.util.Objects;

/**
 * Delete detection: the mass-delete guard, and how often an incremental stream (which never sees
 * the records it is not told about) gets a full pass to reconcile against
 * ({@code CONNECTIONS_RECONCILE_EVERY}, default weekly; each stream's turn is spread across the
 * period so a fleet's full passes do not all fall on one day).
 */
public record DeleteSettings(DeleteGuard guard, Duration reconcileEvery) {
    public DeleteSettings {
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(reconcileEvery, "reconcileEvery");
        if (reconcileEvery.isNegative() || reconcileEvery.isZero()) {
            throw new IllegalArgumentException("the reconciliation period must be positive");
        }
    }

    public static DeleteSettings defaults() {
        return new DeleteSettings(DeleteGuard.DEFAULT, Duration.ofDays(7));
    }
}
