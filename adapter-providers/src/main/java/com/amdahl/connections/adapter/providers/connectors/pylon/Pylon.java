package com.amdahl.connections.adapter.providers.connectors.pylon;

import com.amdahl.connections.adapter.providers.kit.ApiKeyConnector;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.NamedConnector;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.fasterxml.jackson.databind.JsonNode;

/** Pylon: bearer key; EU keys live on the EU host; {@code GET /me} names the organization. */
public final class Pylon extends NamedConnector implements ApiKeyConnector {
    public Pylon() {
        super("pylon", "Pylon", "https://api.usepylon.com");
    }

    /** Pylon keys name their region: {@code pylon_api_eu_…} lives on the EU host. */
    public static String originFor(String key) {
        return key.startsWith("pylon_api_eu_") ? "https://api.eu.usepylon.com" : "https://api.usepylon.com";
    }

    @Override
    public AccountIdentity verify(ConnectorContext context, String key) {
        JsonNode json = context.object(context.get(context.api(originFor(key), "/me"), "Authorization", "Bearer " + key));
        JsonNode data = json.has("data") && json.get("data").isObject() ? json.get("data") : json;
        return Json.text(data, "id").map(id -> new AccountIdentity(id, Json.text(data, "name").orElse(id))).orElse(null);
    }
}
