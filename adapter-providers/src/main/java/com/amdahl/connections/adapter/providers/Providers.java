package com.amdahl.connections.adapter.providers;

import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import com.amdahl.connections.adapter.providers.kit.Sleeper;
import com.amdahl.connections.application.port.out.KnowledgeTarget;
import com.amdahl.connections.application.port.out.ApiKeyVerifier;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.HandleResolver;
import com.amdahl.connections.application.port.out.OAuthProvider;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.application.port.out.Telemetry;
import com.amdahl.connections.application.port.out.TokenRefresher;
import com.amdahl.connections.domain.catalog.Catalog;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * The provider adapter: implements the application's provider ports (OAuth, API keys, handles,
 * stream pulling, token refresh) by looking up the connector's plugin in a {@link ConnectorRegistry},
 * all on one HTTP core. Built from the {@code CONNECTIONS_*} environment (CONTRACT section 8) or
 * from {@link ProviderSettings}.
 */
public final class Providers {
    private final OAuthClient oauth;
    private final ApiKeys apiKeys;
    private final Handles handles;
    private final StreamPullers pullers;
    private final Catalog catalog;
    private final KnowledgeTarget knowledgeTarget;

    private Providers(ConnectorRegistry registry, ProviderSettings settings, Clock clock, Sleeper sleeper,
            Telemetry telemetry) {
        this.catalog = registry.catalog();
        HttpCore http = new HttpCore(settings, telemetry);
        this.oauth = new OAuthClient(registry, settings, http, clock);
        this.apiKeys = new ApiKeys(registry, settings, http, clock);
        this.handles = new Handles(registry, settings, http, clock);
        this.pullers = new StreamPullers(registry, settings, http, sleeper, clock);
        this.knowledgeTarget = registry.knowledgeTarget(settings, http, clock, sleeper);
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
        return from(ConnectorRegistry.launch(), settings, clock, Sleeper.THREAD, telemetry);
    }

    /** Any registry (an embedder's own plugins) and how streams wait out a {@code Retry-After}. */
    public static Providers from(ConnectorRegistry registry, ProviderSettings settings, Clock clock, Sleeper sleeper) {
        return from(registry, settings, clock, sleeper, Telemetry.NONE);
    }

    public static Providers from(ConnectorRegistry registry, ProviderSettings settings, Clock clock, Sleeper sleeper,
            Telemetry telemetry) {
        return new Providers(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(sleeper, "sleeper"),
                Objects.requireNonNull(telemetry, "telemetry"));
    }

    /** The catalog the registry's plugins state, for {@code ConnectionsApplication.Builder.catalog}. */
    public Catalog catalog() {
        return catalog;
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

    /** The stream puller: every plugin's streams ({@code streams(type)} is empty for a connector that does not sync yet). */
    public StreamPuller puller() {
        return pullers;
    }

    /**
     * Where outbound knowledge syncs write (Notion Knowledge Sync), one per process so its request
     * pace is shared by every run of the integration.
     */
    public KnowledgeTarget knowledgeTarget() {
        return knowledgeTarget;
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
     * {@link com.amdahl.connections.adapter.providers.kit.ProviderFailures#of} tells the reason of either.
     */
    public Credentials refresh(String connectorType, Credentials current) {
        return oauth.refresh(connectorType, Objects.requireNonNull(current, "current"));
    }
}
