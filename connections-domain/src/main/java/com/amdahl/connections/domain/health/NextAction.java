package com.amdahl.connections.domain.health;

import com.amdahl.connections.domain.WireNames;

/** What a person should do about a connection's health. */
public enum NextAction implements WireNames.Wired {
    NONE, WAIT, RECONNECT, CHECK_PROVIDER, RESUME;

    @Override
    public String wire() {
        return WireNames.of(this);
    }
}
