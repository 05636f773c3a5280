package com.amdahl.connections.adapter.providers.connectors.salesforce;

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
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Salesforce: OAuth with PKCE; API calls go to the token's {@code instance_url}; the org is the account. */
public final class Salesforce implements OAuthConnector {
    private static final OAuthApp APP = new OAuthApp("salesforce", "Salesforce",
            "https://login.salesforce.com/services/oauth2/authorize",
            "https://login.salesforce.com/services/oauth2/token", "https://login.salesforce.com",
            List.of("api", "refresh_token", "offline_access", "id", "openid"), " ", ClientAuth.FORM, true,
            Map.of("prompt", "consent"));

    @Override
    public OAuthApp app() {
        return APP;
    }

    @Override
    public void keepFromToken(JsonNode token, Map<String, String> secrets) {
        Json.text(token, "instance_url").ifPresent(url -> {
            secrets.put(CredentialKeys.INSTANCE_URL, url);
            secrets.put(CredentialKeys.API_BASE_URL, url);
        });
    }

    @Override
    public AccountIdentity identity(ConnectorContext context, JsonNode token, Credentials credentials) {
        String instance = credentials.get(CredentialKeys.INSTANCE_URL).orElse(null);
        Response r = context.expectSuccess(HttpCore.request(context.api(instance, "/services/oauth2/userinfo"))
                .header("Authorization", "Bearer " + credentials.get(Credentials.ACCESS_TOKEN).orElseThrow()).GET());
        JsonNode json = r.json();
        String orgId = json == null ? null : Json.text(json, "organization_id").orElse(null);
        if (orgId == null) {
            throw context.garbage(r);
        }
        return new AccountIdentity(orgId, instance == null ? orgId : Endpoints.host(instance));
    }

    @Override
    public Optional<HttpRequest.Builder> revokeRequest(ConnectorContext context, Credentials credentials) {
        return credentials.get(Credentials.REFRESH_TOKEN).or(() -> credentials.get(Credentials.ACCESS_TOKEN))
                .map(t -> HttpCore.request(Endpoints.origin(APP.tokenEndpoint(context.settings())) + "/services/oauth2/revoke")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(Endpoints.form(Map.of("token", t)))));
    }
}
