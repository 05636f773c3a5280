package com.amdahl.connections.application.port.out;

import java.time.Instant;
import java.util.List;

/**
 * What may be said about a connection's stored credentials without showing them: when the access
 * token expires, when it was last refreshed, which scopes the provider granted. Any may be null.
 */
public record CredentialFacts(Instant expiresAt, Instant lastRefreshedAt, List<String> scopesGranted) {
    public static final CredentialFacts NONE = new CredentialFacts(null, null, null);

    public CredentialFacts {
        scopesGranted = scopesGranted == null ? null : List.copyOf(scopesGranted);
    }

    /** Scopes as a provider writes them in a token response: separated by spaces or commas. */
    public static List<String> parseScopes(String granted) {
        if (granted == null || granted.isBlank()) {
            return null;
        }
        return java.util.Arrays.stream(granted.split("[\\s,]+")).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
