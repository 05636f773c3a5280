package com.amdahl.connections.adapter.providers.connectors.aircall;

import com.amdahl.connections.adapter.providers.kit.ApiKeyConnector;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.NamedConnector;
import com.amdahl.connections.domain.connection.AccountIdentity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Aircall: the key is {@code api_id:api_token}, sent as HTTP Basic; {@code GET /v1/ping} checks it. */
public final class Aircall extends NamedConnector implements ApiKeyConnector {
    public Aircall() {
        super("aircall", "Aircall", "https://api.aircall.io");
    }

    @Override
    public AccountIdentity verify(ConnectorContext context, String key) {
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1 || key.indexOf(':', colon + 1) >= 0
                || key.chars().anyMatch(Character::isWhitespace)) {
            throw context.rejectedKey();
        }
        String basic = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
        context.object(context.get(context.api("/v1/ping"), "Authorization", "Basic " + basic));
        return null;
    }
}
