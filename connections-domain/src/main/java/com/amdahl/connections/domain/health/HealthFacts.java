package com.amdahl.connections.domain.health;

import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.sync.RunOutcome;
import java.time.Instant;
import java.util.Objects;

/** The stored facts health is derived from. */
public record HealthFacts(ConnectionStatus status, Instant statusChangedAt, boolean needsReauth, boolean syncing,
        Instant runStartedAt, RunOutcome lastOutcome, Instant lastSyncedAt, Instant connectedAt) {

    public HealthFacts {
        Objects.requireNonNull(status, "status");
    }

    public static HealthFacts of(Connection connection) {
        var sync = connection.sync();
        var lifecycle = connection.lifecycle();
        return new HealthFacts(lifecycle.status(), lifecycle.statusChangedAt(), lifecycle.needsReauth(),
                sync.isSyncing(), sync.activeRun() == null ? null : sync.activeRun().startedAt(), sync.lastOutcome(),
                sync.lastSyncedAt(), lifecycle.connectedAt());
    }

    /** The last successful sync, or, never synced, the time the connection became connected. */
    Instant freshnessReference() {
        return lastSyncedAt != null ? lastSyncedAt : connectedAt != null ? connectedAt : statusChangedAt;
    }
}
