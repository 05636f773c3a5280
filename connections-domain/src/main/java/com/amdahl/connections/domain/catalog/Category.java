package com.amdahl.connections.domain.catalog;

import com.amdahl.connections.domain.WireNames;

/** The data category a connector belongs to; the catalog groups and filters by it. */
public enum Category implements WireNames.Wired {
    CRM, CALLS, COMMS, DOCS, SUPPORT, SOCIAL;

    @Override
    public String wire() {
        return WireNames.of(this);
    }
}
