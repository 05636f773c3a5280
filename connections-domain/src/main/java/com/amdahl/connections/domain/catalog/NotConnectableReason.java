package com.amdahl.connections.domain.catalog;

import com.amdahl.connections.domain.WireNames;

/** Why a catalog entry cannot be connected right now. */
public enum NotConnectableReason implements WireNames.Wired {
    COMING_SOON, PROVIDER_APP_NOT_CONFIGURED;

    @Override
    public String wire() {
        return WireNames.of(this);
    }
}
