package com.amdahl.connections.application.port.out;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The secrets of one connection (API key, OAuth tokens, webhook signing secret) by name, with the
 * access token's expiry where there is one. {@link #toString()} never shows a value.
 */
public final class Credentials {
    public static final String API_KEY = "api_key";
    public static final String ACCESS_TOKEN = "access_token";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String SIGNING_SECRET = "signing_secret";
    /** The scopes the provider granted, as it wrote them in the token response (not a secret). */
    public static final String SCOPE = "scope";
    /** A handle connection's tracked account (no secret: handle connectors sign with the platform's own credential). */
    public static final String ACCOUNT_ID = "account_id";
    public static final String HANDLE = "handle";

    private final Map<String, String> secrets;
    private final Instant expiresAt;

    public Credentials(Map<String, String> secrets, Instant expiresAt) {
        this.secrets = Map.copyOf(Objects.requireNonNull(secrets, "secrets"));
        this.expiresAt = expiresAt;
    }

    public static Credentials apiKey(String key) {
        return new Credentials(Map.of(API_KEY, key), null);
    }

    /** What a handle connection's streams pull with: the tracked account's id and handle. */
    public static Credentials trackedAccount(String accountId, String handle) {
        return new Credentials(handle == null ? Map.of(ACCOUNT_ID, accountId) : Map.of(ACCOUNT_ID, accountId, HANDLE, handle), null);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(secrets.get(name));
    }

    public Map<String, String> secrets() {
        return secrets;
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Credentials that && secrets.equals(that.secrets)
                && Objects.equals(expiresAt, that.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secrets, expiresAt);
    }

    @Override
    public String toString() {
        return "Credentials[names=" + new java.util.TreeSet<>(secrets.keySet()) + ", values=<redacted>]";
    }
}
