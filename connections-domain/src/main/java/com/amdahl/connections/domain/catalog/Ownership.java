package com.amdahl.connections.domain.catalog;

import com.amdahl.connections.domain.WireNames;

/** Whether a connection belongs to the workspace or to one member. */
public enum Ownership implements WireNames.Wired {
    WORKSPACE, PERSONAL;

    @Override
    public String wire() {
        return WireNames.of(this);
    }
}
