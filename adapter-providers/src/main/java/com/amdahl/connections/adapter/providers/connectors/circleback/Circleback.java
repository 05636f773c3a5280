package com.amdahl.connections.adapter.providers.connectors.circleback;

import com.amdahl.connections.adapter.providers.kit.NamedConnector;

/** Circleback: in the catalog for discovery, coming soon (no provider app, no puller yet). */
public final class Circleback extends NamedConnector {
    public Circleback() {
        super("circleback", "Circleback", "https://circleback.ai"); // never called: nothing connects or pulls yet
    }

    @Override
    public boolean comingSoon() {
        return true;
    }
}
