package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.connection.AccountIdentity;

/**
 * The provider side of OAuth 2.0 authorization-code flows, for every OAuth connector type.
 * Failures are thrown as {@code ConnectionsException}s with {@code PROVIDER_UNAVAILABLE} or
 * {@code INVALID_CREDENTIALS}; their messages name the provider and the HTTP status only.
 */
public interface OAuthProvider {

    /** Whether the connector type's provider app (client id and secret) is configured here. */
    boolean isConfigured(String connectorType);

    /** Whether the provider takes a PKCE S256 challenge. */
    boolean supportsPkce(String connectorType);

    /** The provider's authorize URL with every parameter of CONTRACT section 5. */
    String authorizeUrl(String connectorType, AuthorizationRequest request);

    /** Exchanges the code for tokens and fetches the account identity they belong to. */
    Grant exchangeCode(String connectorType, String code, String codeVerifier, String redirectUri);

    /**
     * Whether {@link #identify} can ask the provider who stored tokens belong to (an identity call
     * that needs only the access token). Providers whose identity comes with the token response
     * alone cannot.
     */
    default boolean canIdentify(String connectorType) {
        return false;
    }

    /**
     * Asks the provider who the stored access token belongs to, without changing anything; null
     * when the provider answers but names no account. A rejected token throws
     * {@code INVALID_CREDENTIALS}.
     */
    default AccountIdentity identify(String connectorType, Credentials credentials) {
        throw new UnsupportedOperationException("no identity call for " + connectorType);
    }

    /** Revokes the grant at the provider where it offers a revoke endpoint; best effort. */
    void revoke(String connectorType, Credentials credentials);

    /** What the authorize URL carries. {@code codeChallenge} is null without PKCE. */
    record AuthorizationRequest(String state, String redirectUri, String codeChallenge) {
    }

    /** Tokens and the identity they authorize as. */
    record Grant(Credentials credentials, AccountIdentity account) {
    }
}
