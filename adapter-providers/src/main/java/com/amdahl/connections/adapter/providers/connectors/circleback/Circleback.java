package com.amdahl.connections.adapter.providers.connectors.circleback;

import com.amdahl.connections.adapter.providers.kit.Listing;
import com.amdahl.connections.adapter.providers.kit.NamedConnector;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Ownership;

/**
 * Circleback: in the catalog for discovery, coming soon (no provider app, no puller yet). It will
 * connect over OAuth; its listing names the streams it is planned to have.
 */
public final class Circleback extends NamedConnector {
    public Circleback() {
        super("circleback", "Circleback", Listing.of(Category.CALLS, Ownership.WORKSPACE, Cadence.ONE_HOUR).comingSoon()
                .plannedStreams("meetings", "transcripts", "action_items"),
                "https://circleback.ai"); // never called: nothing connects or pulls yet
    }

    @Override
    public AuthMethod authMethod() {
        return AuthMethod.OAUTH_REDIRECT;
    }
}
