package com.amdahl.connections.adapter.providers.connectors.granola;

import com.amdahl.connections.adapter.providers.kit.ApiKeyConnector;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.NamedConnector;
import com.amdahl.connections.domain.connection.AccountIdentity;

/** Granola: bearer {@code grn_…} key; checked by listing one note, which names no account. */
public final class Granola extends NamedConnector implements ApiKeyConnector {
    public Granola() {
        super("granola", "Granola", "https://public-api.granola.ai");
    }

    @Override
    public AccountIdentity verify(ConnectorContext context, String key) {
        context.object(context.get(context.api("/v1/notes?page_size=1"), "Authorization", "Bearer " + key));
        return null;
    }
}
