package com.amdahl.connections.domain.catalog;

import com.amdahl.connections.domain.WireNames;

/** Whether a connection carries business or personal data. */
public enum Scope implements WireNames.Wired {
    BUSINESS, PERSONAL;

    @Override
    public String wire() {
        return WireNames.of(this);
    }
}
