package com.amdahl.connections.adapter.providers.kit;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the provider adapter is configured with: the {@code CONNECTIONS_*} variables of CONTRACT
 * section 8 (client ids and secrets, endpoint overrides, handle lookup credentials) and the HTTP
 * limits. {@link #toString()} never shows a value.
 *
 * @param env the {@code CONNECTIONS_*} variables by name (other names are ignored)
 * @param connectTimeout TCP connect timeout (default 5 s)
 * @param requestTimeout whole-request timeout (default 30 s)
 * @param maxRetries retries of an idempotent request after a transient failure (default 3)
 * @param retryBaseDelay first backoff delay, doubled per retry and jittered (default 250 ms)
 */
public record ProviderSettings(Map<String, String> env, Duration connectTimeout, Duration requestTimeout,
        int maxRetries, Duration retryBaseDelay) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(250);
    /** Children of a parent stream fetched at once unless {@code CONNECTIONS_SYNC_CHILD_CONCURRENCY} says otherwise. */
    public static final int DEFAULT_CHILD_CONCURRENCY = 4;
    static final int MAX_CHILD_CONCURRENCY = 16;

    public ProviderSettings {
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryBaseDelay, "retryBaseDelay");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
    }

    /** The defaults of the brief and CONTRACT section 8, reading the given environment. */
    public static ProviderSettings of(Map<String, String> env) {
        return new ProviderSettings(env, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_RETRIES,
                DEFAULT_RETRY_BASE_DELAY);
    }

    public ProviderSettings withTimeouts(Duration connect, Duration request) {
        return new ProviderSettings(env, connect, request, maxRetries, retryBaseDelay);
    }

    public ProviderSettings withRetries(int retries, Duration baseDelay) {
        return new ProviderSettings(env, connectTimeout, requestTimeout, retries, baseDelay);
    }

    /**
     * How many children of a parent stream run at once: {@code CONNECTIONS_SYNC_CHILD_CONCURRENCY}
     * (1 to {@value #MAX_CHILD_CONCURRENCY}; 1 = one after another), default {@value #DEFAULT_CHILD_CONCURRENCY}.
     * Small on purpose: providers count concurrent requests per mailbox or workspace (Graph allows 4).
     */
    public int childConcurrency() {
        return value("CONNECTIONS_SYNC_CHILD_CONCURRENCY").map(v -> {
            try {
                return Math.max(1, Math.min(MAX_CHILD_CONCURRENCY, Integer.parseInt(v)));
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("CONNECTIONS_SYNC_CHILD_CONCURRENCY must be a number");
            }
        }).orElse(DEFAULT_CHILD_CONCURRENCY);
    }

    /** {@code CONNECTIONS_<TYPE>_<SUFFIX>}, blank values treated as unset. */
    public Optional<String> variable(String connectorType, String suffix) {
        return value("CONNECTIONS_" + connectorType.toUpperCase(java.util.Locale.ROOT) + "_" + suffix);
    }

    public Optional<String> value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    @Override
    public String toString() {
        return "ProviderSettings[variables=" + new java.util.TreeSet<>(env.keySet()) + ", connectTimeout="
                + connectTimeout + ", requestTimeout=" + requestTimeout + ", maxRetries=" + maxRetries + "]";
    }
}
