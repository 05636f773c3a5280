package com.amdahl.connections.domain.catalog;

import com.amdahl.connections.domain.WireNames;

/** How a connector is connected; a property of the connector, never the caller's choice. */
public enum AuthMethod implements WireNames.Wired {
    OAUTH_REDIRECT, API_KEY, WEBHOOK, HANDLE;

    @Override
    public String wire() {
        return WireNames.of(this);
    }
}
