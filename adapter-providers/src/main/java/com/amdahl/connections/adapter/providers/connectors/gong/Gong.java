package com.amdahl.connections.adapter.providers.connectors.gong;

import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.CredentialKeys;
import com.amdahl.connections.adapter.providers.kit.Endpoints;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.OAuthApp.ClientAuth;
import com.amdahl.connections.adapter.providers.kit.OAuthApp;
import com.amdahl.connections.adapter.providers.kit.OAuthConnector;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Gong: OAuth with Basic client auth; calls go to the token's {@code api_base_url_for_customer}. */
public final class Gong implements OAuthConnector {
    private static final OAuthApp APP = new OAuthApp("gong", "Gong", "https://app.gong.io/oauth2/authorize",
            "https://app.gong.io/oauth2/generate-customer-token", "https://api.gong.io",
            List.of("api:calls:read:basic", "api:calls:read:extensive", "api:calls:read:transcript", "api:users:read"),
            " ", ClientAuth.BASIC, false, Map.of());

    @Override
    public OAuthApp app() {
        return APP;
    }

    @Override
    public void keepFromToken(JsonNode token, Map<String, String> secrets) {
        Json.text(token, "api_base_url_for_customer").ifPresent(url -> secrets.put(CredentialKeys.API_BASE_URL, url));
    }

    /** Gong has no "me" call: a users call proves the token, the customer host names the account. */
    @Override
    public AccountIdentity identity(ConnectorContext context, JsonNode token, Credentials credentials) {
        String customer = credentials.get(CredentialKeys.API_BASE_URL).orElse(null);
        Response r = context.expectSuccess(HttpCore.request(context.api(customer, "/v2/users"))
                .header("Authorization", "Bearer " + credentials.get(Credentials.ACCESS_TOKEN).orElseThrow()).GET());
        context.object(r);
        return customer == null ? null : new AccountIdentity(Endpoints.host(customer), Endpoints.host(customer));
    }
}
