package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.domain.budget.RateLimit;
import java.util.Optional;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.catalog.CredentialFields;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * Everything about one provider, in its own package under {@code connectors}: its name, API
 * origin, catalog listing, error dialect and streams. How it connects is the sub-interface it implements
 * ({@link OAuthConnector}, {@link ApiKeyConnector}, {@link HandleConnector}); the registry finds
 * plugins by type, so no code switches on a connector type.
 */
public interface ConnectorPlugin {
    /** The catalog type, e.g. {@code hubspot}. */
    String type();

    /** The provider's name as shown in messages, e.g. {@code HubSpot}. */
    String name();

    /** The documented API origin; {@code CONNECTIONS_<TYPE>_API_BASE_URL} replaces it. */
    String apiOrigin();

    /** How it connects: each kind of plugin says; one that connects no way yet states its future method. */
    AuthMethod authMethod();

    /** Category, ownership, default cadence and notes: what the catalog shows beyond the facts above. */
    Listing listing();

    /** Shown in the catalog but not connectable yet (no provider app, no puller). */
    default boolean comingSoon() {
        return listing().isComingSoon();
    }

    /** What a person types to connect; only an API-key plugin has fields ({@link ApiKeyConnector}). */
    default CredentialFields credentialFields() {
        return null;
    }

    /** The plugin's catalog entry; the registry's catalog is these, in registry order. */
    default Connector catalogEntry() {
        return listing().entry(this);
    }

    /** How this provider says "rate limited", "revoked", "bad config" beyond the HTTP status. */
    default ErrorDialect errorDialect() {
        return ErrorDialect.STANDARD;
    }

    /**
     * The request limit the provider documents per account (a key, an organization, a mailbox),
     * which sizes the budget every stream of that account shares; empty when none is documented.
     */
    default Optional<RateLimit> rateLimit() {
        return Optional.empty();
    }

    /** The live streams, in catalog order; empty when the connector is not syncable yet. */
    default List<Stream> streams() {
        return List.of();
    }

    /** Signs one stream request with the connection's credentials. */
    default HttpRequest.Builder authorize(HttpRequest.Builder request, Credentials credentials) {
        return request;
    }

    /** The origin stream requests go to: the one the token response named (Salesforce, Gong), else {@link #apiOrigin()}. */
    default String streamOrigin(Credentials credentials) {
        return credentials == null ? apiOrigin() : credentials.get(CredentialKeys.API_BASE_URL).orElse(apiOrigin());
    }
}
