package com.amdahl.connections.application;

import java.util.Locale;
import java.util.Optional;

/**
 * The one reading of an {@code Authorization} header (CONTRACT section 3), for every surface that
 * takes a bearer token: the scheme case-insensitively, then the token, blanks around either ignored.
 */
public final class BearerToken {
    private static final String SCHEME = "bearer ";

    private BearerToken() {
    }

    /** The token of {@code Authorization: Bearer <token>}; empty when the header is absent, of another scheme or blank. */
    public static Optional<String> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String trimmed = header.strip();
        if (trimmed.length() < SCHEME.length()
                || !trimmed.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return Optional.empty();
        }
        String token = trimmed.substring(SCHEME.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
