package com.amdahl.connections.application;

import com.amdahl.connections.domain.WireNames;

/** What a token may do: read connections, change them, read their synced records (CONTRACT 10). */
public enum TokenScope implements WireNames.Wired {
    CONNECTIONS_READ("connections:read"),
    CONNECTIONS_WRITE("connections:write"),
    RECORDS_READ("records:read");

    private final String wire;

    TokenScope(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
