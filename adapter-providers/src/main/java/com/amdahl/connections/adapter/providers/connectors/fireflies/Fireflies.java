package com.amdahl.connections.adapter.providers.connectors.fireflies;

import com.amdahl.connections.adapter.providers.kit.ApiKeyConnector;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.NamedConnector;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;

/**
 * Fireflies: bearer key on a GraphQL API; the key's user is the account. Errors arrive as HTTP 200
 * with {@code errors[]} ({@code too_many_requests}, {@code auth_failed}), read by the standard dialect.
 */
public final class Fireflies extends NamedConnector implements ApiKeyConnector {
    static final String USER_QUERY = "{ user { user_id email name } }";

    public Fireflies() {
        super("fireflies", "Fireflies", "https://api.fireflies.ai");
    }

    @Override
    public AccountIdentity verify(ConnectorContext context, String key) {
        String body = "{\"query\":\"" + USER_QUERY + "\"}";
        Response r = context.expectSuccess(HttpCore.request(context.api("/graphql"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        JsonNode user = context.object(r).path("data").path("user");
        String id = Json.text(user, "user_id").or(() -> Json.text(user, "email")).orElseThrow(() -> context.garbage(r));
        return new AccountIdentity(id, Json.text(user, "email").or(() -> Json.text(user, "name")).orElse(id));
    }
}
