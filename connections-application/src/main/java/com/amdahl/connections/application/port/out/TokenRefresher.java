package com.amdahl.connections.application.port.out;

/**
 * Refreshes OAuth access tokens. A refresh the provider rejects ({@code invalid_grant} and
 * equivalents) throws {@code INVALID_CREDENTIALS}; an unreachable provider {@code PROVIDER_UNAVAILABLE}.
 */
public interface TokenRefresher {
    /** The new credentials (a rotated refresh token included), to be stored before they are used. */
    Credentials refresh(String connectorType, Credentials current);
}
