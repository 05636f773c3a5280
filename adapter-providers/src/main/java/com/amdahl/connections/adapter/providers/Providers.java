package com.amdahl.connections.adapter.providers;

import com.amdahl.connections.application.port.out.ApiKeyVerifier;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.HandleResolver;
import com.amdahl.connections.application.port.out.OAuthProvider;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.application.port.out.Telemetry;
import com.amdahl.connections.application.port.out.TokenRefresher;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * The provider adapter: OAuth 2.0 clients, API-key verifiers and handle resolvers for the launch
 * catalog, all on one HTTP core. Built from the {@code CONNECTIONS_*} environment (CONTRACT
 * section 8) or from {@link ProviderSettings}.
 */
public final class Providers {
    private final OAuthClient oauth;
    private final ApiKeys apiKeys;
    private final Handles handles;
    private final Pullers pullers;

    private Providers(ProviderSettings settings, Clock clock, Telemetry telemetry) {
        HttpCore http = new HttpCore(settings, telemetry);
        this.oauth = new OAuthClient(settings, http, clock);
        this.apiKeys = new ApiKeys(settings, http);
        this.handles = new Handles(settings, http);
        this.pullers = new Pullers(settings, http, duration -> Thread.sleep(duration.toMillis()));
    }

    /** Reads the {@code CONNECTIONS_*} variables of {@code env}; default timeouts and retries. */
    public static Providers fromEnvironment(Map<String, String> env) {
        return from(ProviderSettings.of(env));
    }

    public static Providers from(ProviderSettings settings) {
        return from(settings, Clock.systemUTC());
    }

    public static Providers from(ProviderSettings settings, Clock clock) {
        return from(settings, clock, Telemetry.NONE);
    }

    /** With every provider HTTP exchange reported to {@code telemetry} (provider name, outcome, latency). */
    public static Providers from(ProviderSettings settings, Clock clock, Telemetry telemetry) {
        return new Providers(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(telemetry, "telemetry"));
    }

    public OAuthProvider oauth() {
        return oauth;
    }

    public ApiKeyVerifier apiKeys() {
        return apiKeys;
    }

    public HandleResolver handles() {
        return handles;
    }

    /** The live stream pullers (Pipedrive and HubSpot); other connector types have none yet. */
    public StreamPuller puller() {
        return pullers;
    }

    /** {@link #refresh} as the application's port. */
    public TokenRefresher tokenRefresher() {
        return this::refresh;
    }

    /**
     * Exchanges the stored refresh token for a new access token. The result keeps every other entry
     * of {@code current} (instance URL, API base URL…), takes a rotated refresh token when the
     * provider returns one and the new expiry. A refresh the provider rejects ({@code invalid_grant})
     * throws {@code INVALID_CREDENTIALS}; an unreachable provider {@code PROVIDER_UNAVAILABLE}.
     * {@link ProviderFailures#of} tells the reason of either.
     */
    public Credentials refresh(String connectorType, Credentials current) {
        return oauth.refresh(connectorType, Objects.requireNonNull(current, "current"));
    }
}
