package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.application.port.out.HandleResolver.ResolvedHandle;
import com.amdahl.connections.domain.catalog.AuthMethod;
import java.util.Optional;

/** A connector that tracks a public handle, looked up with a platform-wide credential. */
public interface HandleConnector extends ConnectorPlugin {
    @Override
    default AuthMethod authMethod() {
        return AuthMethod.HANDLE;
    }

    /** The variable holding the lookup credential, e.g. {@code CONNECTIONS_TWITTER_BEARER_TOKEN}. */
    String lookupCredentialVariable();

    /** The account behind a handle; empty when it does not exist. Failures are PROVIDER_UNAVAILABLE. */
    Optional<ResolvedHandle> resolve(ConnectorContext context, String credential, String handle);
}
