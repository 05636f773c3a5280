package com.amdahl.connections.adapter.providers;

import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.HandleConnector;
import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import com.amdahl.connections.application.port.out.HandleResolver;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Resolves public handles through the plugin of the connector type, with its lookup credential. */
final class Handles implements HandleResolver {
    private final ConnectorRegistry registry;
    private final ProviderSettings settings;
    private final HttpCore http;
    private final Clock clock;

    Handles(ConnectorRegistry registry, ProviderSettings settings, HttpCore http, Clock clock) {
        this.registry = registry;
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public boolean isConfigured(String connectorType) {
        return registry.find(connectorType, HandleConnector.class)
                .flatMap(plugin -> settings.value(plugin.lookupCredentialVariable())).isPresent();
    }

    @Override
    public Optional<ResolvedHandle> resolve(String connectorType, String handle) {
        HandleConnector plugin = registry.find(connectorType, HandleConnector.class).orElseThrow(() ->
                new ConnectionsException(ErrorCode.UNKNOWN_CONNECTOR_TYPE, "Not a handle connector type"));
        String credential = settings.value(plugin.lookupCredentialVariable()).orElseThrow(() -> new ConnectionsException(
                ErrorCode.CONNECTOR_NOT_CONNECTABLE, plugin.name() + " lookup credential is not configured",
                Map.of("reason", "provider_app_not_configured")));
        return plugin.resolve(new ConnectorContext(plugin, settings, http, clock), credential, handle);
    }
}
