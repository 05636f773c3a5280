package com.amdahl.connections.adapter.providers.connectors.fathom;

import com.amdahl.connections.adapter.providers.kit.ApiKeyConnector;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.NamedConnector;
import com.amdahl.connections.domain.connection.AccountIdentity;

/** Fathom: {@code X-Api-Key}; checked with {@code GET /external/v1/teams}, which names no account. */
public final class Fathom extends NamedConnector implements ApiKeyConnector {
    public Fathom() {
        super("fathom", "Fathom", "https://api.fathom.ai");
    }

    @Override
    public AccountIdentity verify(ConnectorContext context, String key) {
        context.object(context.get(context.api("/external/v1/teams"), "X-Api-Key", key));
        return null;
    }
}
