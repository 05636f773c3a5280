package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a connector's code gets to talk to its provider: the shared HTTP core, the settings and
 * the endpoint overrides of CONTRACT 9.15, all named after the connector, and the adapter's clock.
 */
public final class ConnectorContext {
    private final ConnectorPlugin plugin;
    private final ProviderSettings settings;
    private final HttpCore http;
    private final Clock clock;

    public ConnectorContext(ConnectorPlugin plugin, ProviderSettings settings, HttpCore http, Clock clock) {
        this.plugin = plugin;
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    public String name() {
        return plugin.name();
    }

    public ProviderSettings settings() {
        return settings;
    }

    public HttpCore http() {
        return http;
    }

    /** The clock the providers adapter was given (time windows, expiries): a connector never reads the system clock. */
    public Clock clock() {
        return clock;
    }

    /** {@code CONNECTIONS_<TYPE>_<SUFFIX>}, blank treated as unset. */
    public Optional<String> variable(String suffix) {
        return settings.variable(plugin.type(), suffix);
    }

    /** A documented path on the connector's API origin (or its override). */
    public String api(String path) {
        return api(plugin.apiOrigin(), path);
    }

    /** A documented path on {@code origin} (one a token named, a regional host), or its override. */
    public String api(String origin, String path) {
        return Endpoints.api(settings, plugin.type(), origin == null ? plugin.apiOrigin() : origin, path);
    }

    /**
     * Sends an idempotent request and throws the failure it stands for in the connector's error
     * dialect, unless it succeeded.
     */
    public Response expectSuccess(HttpRequest.Builder request) {
        Response response = send(request);
        Optional<ProviderFailures.Failure> failure = plugin.errorDialect().classify(response);
        if (failure.isPresent()) {
            throw ProviderFailures.exception(plugin.name(), failure.get());
        }
        return response;
    }

    /**
     * Sends an idempotent request (transient failures in the connector's dialect are retried) and
     * returns whatever the provider answered last.
     */
    public Response send(HttpRequest.Builder request) {
        return http.send(plugin.name(), plugin.errorDialect(), request, true);
    }

    /** The body of a success as a JSON object, or the "answered garbage" failure. */
    public JsonNode object(Response response) {
        JsonNode json = response.json();
        if (json == null || !json.isObject()) {
            throw HttpCore.garbage(plugin.name(), response);
        }
        return json;
    }

    /** The failure of an API key the provider (or its format) rejects. */
    public ConnectionsException rejectedKey() {
        return new ConnectionsException(ErrorCode.INVALID_CREDENTIALS, plugin.name() + " rejected this API key",
                Map.of(ProviderFailures.DETAIL_PROVIDER, plugin.name(), ProviderFailures.DETAIL_REASON,
                        ErrorReason.AUTH.wire()));
    }

    /**
     * The body of a lookup made with a platform credential: any failure is PROVIDER_UNAVAILABLE
     * (the credential is ours, not the user's).
     */
    public JsonNode lookupAnswer(Response response) {
        Optional<ProviderFailures.Failure> failure = plugin.errorDialect().classify(response);
        if (failure.isPresent()) {
            throw ProviderFailures.exception(plugin.name(), failure.get(), ErrorCode.PROVIDER_UNAVAILABLE);
        }
        return object(response);
    }

    /** A handle as typed: trimmed, without a leading {@code @}, or the name out of a profile URL. */
    public static String normalizeHandle(String handle, String... urlPrefixes) {
        if (handle == null) {
            return null;
        }
        String h = handle.trim();
        String lower = h.toLowerCase(java.util.Locale.ROOT);
        for (String prefix : urlPrefixes) {
            int at = lower.indexOf(prefix);
            if (at >= 0) {
                h = h.substring(at + prefix.length());
                int end = h.indexOf('/');
                h = end >= 0 ? h.substring(0, end) : h;
                int q = h.indexOf('?');
                h = q >= 0 ? h.substring(0, q) : h;
                break;
            }
        }
        if (h.startsWith("@")) {
            h = h.substring(1);
        }
        return h.isEmpty() ? null : h;
    }

    public ConnectionsException garbage(Response response) {
        return HttpCore.garbage(plugin.name(), response);
    }
}
