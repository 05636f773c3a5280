package com.amdahl.connections.application;

import com.amdahl.connections.domain.WireNames;

/** What a token may do: read connections, or also change them. */
public enum TokenScope implements WireNames.Wired {
    CONNECTIONS_READ("connections:read"),
    CONNECTIONS_WRITE("connections:write");

    private final String wire;

    TokenScope(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
