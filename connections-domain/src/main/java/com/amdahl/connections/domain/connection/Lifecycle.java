package com.amdahl.connections.domain.connection;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a connection is in its lifecycle. {@code connectedAt} is when it last became connected
 * (the freshness reference before its first sync); {@code firstSyncPending} marks that the next
 * run is the first after a connect or reconnect.
 */
public record Lifecycle(ConnectionStatus status, Instant statusChangedAt, boolean needsReauth, String lastError,
        Instant connectedAt, boolean firstSyncPending) {

    public Lifecycle {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusChangedAt, "statusChangedAt");
    }

    Lifecycle moveTo(ConnectionStatus next, Instant at) {
        return next == status ? this : new Lifecycle(next, at, needsReauth, lastError, connectedAt, firstSyncPending);
    }

    Lifecycle withNeedsReauth(boolean value) {
        return new Lifecycle(status, statusChangedAt, value, lastError, connectedAt, firstSyncPending);
    }

    Lifecycle withLastError(String message) {
        return new Lifecycle(status, statusChangedAt, needsReauth, message, connectedAt, firstSyncPending);
    }

    Lifecycle withFirstSyncPending(boolean value) {
        return new Lifecycle(status, statusChangedAt, needsReauth, lastError, connectedAt, value);
    }

    /** Became connected now: fresh credentials, no error, the next run is the first. */
    Lifecycle connected(Instant at) {
        return new Lifecycle(ConnectionStatus.CONNECTED, at, false, null, at, true);
    }
}
