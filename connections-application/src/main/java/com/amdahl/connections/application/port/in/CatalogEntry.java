package com.amdahl.connections.application.port.in;

import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.catalog.NotConnectableReason;

/**
 * A catalog connector, whether it can be connected in this environment (reason null when it can)
 * and whether it syncs: {@code syncable} is true when the provider adapter has a live puller for
 * the type (its stream puller names streams for it).
 */
public record CatalogEntry(Connector connector, NotConnectableReason notConnectableReason, boolean syncable) {
    public boolean connectable() {
        return notConnectableReason == null;
    }
}
