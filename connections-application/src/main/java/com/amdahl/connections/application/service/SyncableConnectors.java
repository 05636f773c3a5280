package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.domain.catalog.Connector;

/** Which connectors sync: those the stream puller names streams for (the provider adapter's registry decides). */
final class SyncableConnectors {
    private final StreamPuller puller;

    SyncableConnectors(StreamPuller puller) {
        this.puller = puller;
    }

    boolean isSyncable(Connector connector) {
        return !connector.comingSoon() && !puller.streams(connector.type()).isEmpty();
    }
}
