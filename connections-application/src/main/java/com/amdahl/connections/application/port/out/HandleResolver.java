package com.amdahl.connections.application.port.out;

import java.util.Optional;

/** Resolves a public social handle (X, LinkedIn) to the account it names. */
public interface HandleResolver {
    /** Whether the lookup credential for the connector type is configured here. */
    boolean isConfigured(String connectorType);

    /** The account, or empty when no such handle exists; provider trouble throws {@code PROVIDER_UNAVAILABLE}. */
    Optional<ResolvedHandle> resolve(String connectorType, String handle);

    /** A resolved public account. {@code followers} may be null when the provider does not say. */
    record ResolvedHandle(String externalAccountId, String handle, String displayName, String avatarUrl,
            Long followers) {
    }
}
