package com.amdahl.connections.domain.health;

import com.amdahl.connections.domain.WireNames;

/**
 * What a person should do about a connection's health. {@code CONNECT_AGAIN}: the first
 * authorization never completed, so there is nothing to sync, pause or retry; only authorizing
 * again (reconnect) or removing it (disconnect) make sense.
 */
public enum NextAction implements WireNames.Wired {
    NONE, WAIT, RECONNECT, CHECK_PROVIDER, RESUME, CONNECT_AGAIN;

    @Override
    public String wire() {
        return WireNames.of(this);
    }
}
