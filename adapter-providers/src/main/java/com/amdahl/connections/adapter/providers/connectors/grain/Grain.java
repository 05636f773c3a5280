package com.amdahl.connections.adapter.providers.connectors.grain;

import com.amdahl.connections.adapter.providers.kit.ApiKeyConnector;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.NamedConnector;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.fasterxml.jackson.databind.JsonNode;

/** Grain: bearer workspace or personal token; {@code GET /_/public-api/me} names the key's owner. */
public final class Grain extends NamedConnector implements ApiKeyConnector {
    public Grain() {
        super("grain", "Grain", "https://api.grain.com");
    }

    @Override
    public AccountIdentity verify(ConnectorContext context, String key) {
        JsonNode json = context.object(context.get(context.api("/_/public-api/me"), "Authorization", "Bearer " + key));
        return Json.text(json, "id").map(id -> new AccountIdentity(id,
                Json.text(json, "email").or(() -> Json.text(json, "name")).orElse(id))).orElse(null);
    }
}
