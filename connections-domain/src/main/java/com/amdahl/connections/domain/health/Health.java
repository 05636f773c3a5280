package com.amdahl.connections.domain.health;

import com.amdahl.connections.domain.WireNames;

/** The derived badge of a connection, in precedence order (the first that applies wins). */
public enum Health implements WireNames.Wired {
    DISCONNECTED, NEEDS_REAUTH, SYNCING, RATE_LIMITED, ERROR, DEGRADED, STALE, HEALTHY;

    @Override
    public String wire() {
        return WireNames.of(this);
    }
}
