package com.amdahl.connections.domain.sync;

import com.amdahl.connections.domain.WireNames;

/** A run's lifecycle: pending, running, then completed or failed; skipped_locked is terminal at once. */
public enum SyncRunStatus implements WireNames.Wired {
    PENDING, RUNNING, COMPLETED, FAILED, SKIPPED_LOCKED;

    @Override
    public String wire() {
        return WireNames.of(this);
    }

    /** Pending and running runs hold the connection's lock ("in flight"). */
    public boolean inFlight() {
        return switch (this) {
            case PENDING, RUNNING -> true;
            case COMPLETED, FAILED, SKIPPED_LOCKED -> false;
        };
    }
}
