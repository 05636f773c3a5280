package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.CredentialFields;
import com.amdahl.connections.domain.connection.AccountIdentity;

/** A connector that connects with an API key, checked by the provider's cheapest identity call. */
public interface ApiKeyConnector extends ConnectorPlugin {
    @Override
    default AuthMethod authMethod() {
        return AuthMethod.API_KEY;
    }

    /** One secret {@code api_key} field; a key made of several parts names them (and how they join). */
    @Override
    default CredentialFields credentialFields() {
        return CredentialFields.API_KEY;
    }

    /**
     * Checks a trimmed, non-blank key. A key the provider rejects throws {@code INVALID_CREDENTIALS}
     * (see {@link ConnectorContext#rejectedKey()}); an unreachable provider {@code PROVIDER_UNAVAILABLE}.
     * Returns the account the key belongs to (CONTRACT 9.17), or null when the provider names none.
     */
    AccountIdentity verify(ConnectorContext context, String key);
}
