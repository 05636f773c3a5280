package com.amdahl.connections.application.port.in;

import java.time.Instant;
import java.util.List;

/**
 * The credential facts a connection view shows, never a secret: how it authenticates
 * ({@code oauth}, {@code api_key}, {@code handle}, {@code webhook}), and for OAuth grants when the
 * access token expires, when it was last refreshed and the scopes granted (null where unknown or
 * not applicable).
 */
public record CredentialSummary(String kind, Instant expiresAt, Instant lastRefreshedAt, List<String> scopesGranted) {
    public CredentialSummary {
        scopesGranted = scopesGranted == null ? null : List.copyOf(scopesGranted);
    }
}
