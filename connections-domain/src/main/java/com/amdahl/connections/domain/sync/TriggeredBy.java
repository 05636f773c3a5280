package com.amdahl.connections.domain.sync;

import com.amdahl.connections.domain.WireNames;

/** What kicked a run off. */
public enum TriggeredBy implements WireNames.Wired {
    /** The first run after a connect or reconnect. */
    CONNECT,
    /** An on-demand refresh. */
    MANUAL,
    /** The scheduler, on the connector type's cadence. */
    SCHEDULE;

    @Override
    public String wire() {
        return WireNames.of(this);
    }
}
