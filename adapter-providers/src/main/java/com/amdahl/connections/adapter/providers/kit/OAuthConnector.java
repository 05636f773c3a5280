package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Optional;

/** A connector that connects with the OAuth 2.0 authorization-code flow; the shared client runs the flow. */
public interface OAuthConnector extends ConnectorPlugin {
    @Override
    default AuthMethod authMethod() {
        return AuthMethod.OAUTH_REDIRECT;
    }

    /** The app's public facts: endpoints, scopes, client authentication, PKCE, extras. */
    OAuthApp app();

    @Override
    default String type() {
        return app().type();
    }

    @Override
    default String name() {
        return app().name();
    }

    @Override
    default String apiOrigin() {
        return app().apiOrigin();
    }

    /** Stream requests carry the grant's access token as a Bearer token, as most OAuth APIs want. */
    @Override
    default HttpRequest.Builder authorize(HttpRequest.Builder request, Credentials credentials) {
        return Bearer.accessToken(request, credentials);
    }

    /** Copies what the token response says about the grant (instance URL, team id…) into {@code secrets}. */
    default void keepFromToken(JsonNode token, Map<String, String> secrets) {
    }

    /**
     * The provider-side account the grant belongs to (CONTRACT 9.21), from the token response or
     * the provider's identity call; null when the provider names none.
     */
    AccountIdentity identity(ConnectorContext context, JsonNode token, Credentials credentials);

    /**
     * Whether {@link #identity} works from stored credentials alone (an identity call), so a
     * connection test can ask again; false when only the token response names the account.
     */
    default boolean identifiesFromCredentials() {
        return true;
    }

    /** The request that revokes a grant at the provider, when the provider offers one. */
    default Optional<HttpRequest.Builder> revokeRequest(ConnectorContext context, Credentials credentials) {
        return Optional.empty();
    }
}
