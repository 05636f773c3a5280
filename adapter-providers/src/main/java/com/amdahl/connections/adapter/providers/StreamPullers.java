package com.amdahl.connections.adapter.providers;

import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.ConnectorPlugin;
import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import com.amdahl.connections.adapter.providers.kit.Sleeper;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamRun;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.StreamPuller;
import java.time.Clock;
import java.util.List;
import com.amdahl.connections.application.port.out.StreamPuller.ListingWindow;
import java.util.Optional;

/** The application's puller port, by lookup: the plugin of the connector type, then its stream by name. */
final class StreamPullers implements StreamPuller {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamPullers.class);
    private final ConnectorRegistry registry;
    private final ProviderSettings settings;
    private final HttpCore http;
    private final Sleeper sleeper;
    private final Clock clock;

    StreamPullers(ConnectorRegistry registry, ProviderSettings settings, HttpCore http, Sleeper sleeper, Clock clock) {
        this.registry = registry;
        this.settings = settings;
        this.http = http;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @Override
    public List<String> streams(String connectorType) {
        return registry.find(connectorType).map(p -> p.streams().stream().map(Stream::name).toList()).orElse(List.of());
    }

    /** {@code CONNECTIONS_<TYPE>_RATE_LIMIT} ({@code N/DURATION}: the account's plan) when set, else the plugin's documented limit. */
    @Override
    public Optional<RateLimit> rateLimit(String connectorType) {
        Optional<String> configured = settings.variable(connectorType, "RATE_LIMIT");
        Optional<RateLimit> override = configured.flatMap(RateLimit::parse);
        if (configured.isPresent() && override.isEmpty()) {
            LOG.warn("CONNECTIONS_{}_RATE_LIMIT is not N/DURATION (e.g. 40/PT2S); using the documented limit",
                    connectorType.toUpperCase(java.util.Locale.ROOT));
        }
        return override.or(() -> registry.find(connectorType).flatMap(ConnectorPlugin::rateLimit));
    }

    @Override
    public boolean listsEverything(String connectorType, String stream) {
        return declared(connectorType, stream).map(Stream::listsEverything).orElse(false);
    }

    @Override
    public Optional<ListingWindow> listingWindow(String connectorType, String stream) {
        return declared(connectorType, stream).flatMap(Stream::listingWindow);
    }

    private Optional<Stream> declared(String connectorType, String stream) {
        return registry.find(connectorType).flatMap(p -> p.streams().stream().filter(s -> s.name().equals(stream))
                .findFirst());
    }

    @Override
    public PullResult pull(PullRequest request, RecordSink sink) {
        ConnectorPlugin plugin = registry.find(request.connectorType())
                .orElseThrow(() -> new IllegalArgumentException("no plugin for " + request.connectorType()));
        Optional<Stream> stream = declared(request.connectorType(), request.stream());
        if (stream.isEmpty()) {
            throw new IllegalArgumentException("no stream " + request.stream() + " in " + request.connectorType());
        }
        return stream.get().pull(new StreamRun(plugin, new ConnectorContext(plugin, settings, http, clock), request, sink, sleeper));
    }
}
