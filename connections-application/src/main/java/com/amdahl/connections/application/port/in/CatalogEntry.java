package com.amdahl.connections.application.port.in;

import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.catalog.NotConnectableReason;

/** A catalog connector and whether it can be connected in this environment (reason null when it can). */
public record CatalogEntry(Connector connector, NotConnectableReason notConnectableReason) {
    public boolean connectable() {
        return notConnectableReason == null;
    }
}
