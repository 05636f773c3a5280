package com.amdahl.connections.domain.connection;

import com.amdahl.connections.domain.WireNames;

/** The kinds of entry in a connection's audit trail (CONTRACT section 4, events). */
public enum ConnectionEventType implements WireNames.Wired {
    CONNECTED, RECONNECTED, DISCONNECTED, UPDATED, PAUSED, RESUMED, HEALTH_CHANGED, CREDENTIALS_REFRESHED,
    CREDENTIALS_REJECTED, CREDENTIALS_TESTED, RECORDS_PURGED, RECORDS_ERASED;

    @Override
    public String wire() {
        return WireNames.of(this);
    }
}
