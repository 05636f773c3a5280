package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.connection.AccountIdentity;

/**
 * Verifies an API key with the provider's cheapest identity call before it is stored. Throws
 * {@code INVALID_CREDENTIALS} when the provider rejects it and {@code PROVIDER_UNAVAILABLE} when
 * the provider is down, times out or answers garbage.
 */
public interface ApiKeyVerifier {
    /** The account the key belongs to (CONTRACT 9.17), or null when the provider does not say. */
    AccountIdentity verify(String connectorType, String apiKey);
}
