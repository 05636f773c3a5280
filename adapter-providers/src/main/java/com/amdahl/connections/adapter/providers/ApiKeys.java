package com.amdahl.connections.adapter.providers;

import com.amdahl.connections.adapter.providers.kit.ApiKeyConnector;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import com.amdahl.connections.application.port.out.ApiKeyVerifier;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.AccountIdentity;
import java.time.Clock;

/** Verifies API keys through the plugin of the connector type (its cheapest identity call). */
final class ApiKeys implements ApiKeyVerifier {
    private final ConnectorRegistry registry;
    private final ProviderSettings settings;
    private final HttpCore http;
    private final Clock clock;

    ApiKeys(ConnectorRegistry registry, ProviderSettings settings, HttpCore http, Clock clock) {
        this.registry = registry;
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public AccountIdentity verify(String connectorType, String apiKey) {
        ApiKeyConnector plugin = registry.find(connectorType, ApiKeyConnector.class).orElseThrow(() ->
                new ConnectionsException(ErrorCode.UNKNOWN_CONNECTOR_TYPE, "Not an API-key connector type"));
        ConnectorContext context = new ConnectorContext(plugin, settings, http, clock);
        if (apiKey == null || apiKey.isBlank()) {
            throw context.rejectedKey();
        }
        String key = apiKey.trim();
        if (!key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            // The application refuses such keys first; here it only guards the header builder, whose
            // IllegalArgumentException would carry the whole key in its message.
            throw context.rejectedKey();
        }
        try {
            return plugin.verify(context, key);
        } catch (ConnectionsException refused) {
            // A refusal says the provider rejected the key; its HTTP status stays in the details.
            if (refused.code() == ErrorCode.INVALID_CREDENTIALS) {
                throw new ConnectionsException(ErrorCode.INVALID_CREDENTIALS, context.rejectedKey().getMessage(),
                        refused.details());
            }
            throw refused;
        }
    }
}
