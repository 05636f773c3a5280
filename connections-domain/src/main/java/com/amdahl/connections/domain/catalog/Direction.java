package com.amdahl.connections.domain.catalog;

import com.amdahl.connections.domain.WireNames;

/** Whether a connector pulls data in or mirrors it out. */
public enum Direction implements WireNames.Wired {
    INBOUND, OUTBOUND;

    @Override
    public String wire() {
        return WireNames.of(this);
    }
}
