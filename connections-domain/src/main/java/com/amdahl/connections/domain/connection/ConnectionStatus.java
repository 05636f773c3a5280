package com.amdahl.connections.domain.connection;

import com.amdahl.connections.domain.WireNames;

/** The coarse lifecycle state of a connection (CONTRACT section 6). */
public enum ConnectionStatus implements WireNames.Wired {
    PENDING, CONNECTED, SYNCING, ERROR, PAUSED, DISCONNECTED;

    @Override
    public String wire() {
        return WireNames.of(this);
    }
}
