package com.amdahl.connections.adapter.providers;

import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.ConnectorPlugin;
import com.amdahl.connections.adapter.providers.kit.Endpoints;
import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.OAuthApp;
import com.amdahl.connections.adapter.providers.kit.OAuthApp.ClientAuth;
import com.amdahl.connections.adapter.providers.kit.OAuthConnector;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures;
import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.OAuthProvider;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth 2.0 authorization-code flow, once for every OAuth connector: the plugin of the type
 * gives the app's facts, what to keep from the token response, the identity call and the revoke.
 */
final class OAuthClient implements OAuthProvider {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConnectorRegistry registry;
    private final ProviderSettings settings;
    private final HttpCore http;
    private final Clock clock;

    OAuthClient(ConnectorRegistry registry, ProviderSettings settings, HttpCore http, Clock clock) {
        this.registry = registry;
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public boolean isConfigured(String connectorType) {
        return registry.find(connectorType, OAuthConnector.class).isPresent()
                && settings.variable(connectorType, "CLIENT_ID").isPresent()
                && settings.variable(connectorType, "CLIENT_SECRET").isPresent();
    }

    @Override
    public boolean supportsPkce(String connectorType) {
        return registry.find(connectorType, OAuthConnector.class).map(p -> p.app().pkce()).orElse(false);
    }

    @Override
    public String authorizeUrl(String connectorType, AuthorizationRequest request) {
        OAuthApp app = configured(connectorType).app();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId(app));
        params.put("redirect_uri", request.redirectUri());
        if (!app.scopes().isEmpty()) {
            params.put("scope", String.join(app.scopeSeparator(), app.scopes()));
        }
        params.put("state", request.state());
        if (app.pkce() && request.codeChallenge() != null) {
            params.put("code_challenge", request.codeChallenge());
            params.put("code_challenge_method", "S256");
        }
        params.putAll(app.authorizeExtras());
        return Endpoints.withQuery(app.authorizeEndpoint(settings), params);
    }

    @Override
    public Grant exchangeCode(String connectorType, String code, String codeVerifier, String redirectUri) {
        OAuthConnector plugin = configured(connectorType);
        OAuthApp app = plugin.app();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", code);
        params.put("redirect_uri", redirectUri);
        if (app.pkce() && codeVerifier != null) {
            params.put("code_verifier", codeVerifier);
        }
        JsonNode token = postToken(plugin, params);
        Credentials credentials = credentials(plugin, token, Map.of());
        AccountIdentity account = plugin.identity(new ConnectorContext(plugin, settings, http, clock), token, credentials);
        return new Grant(credentials, account);
    }

    /** A new access token for a stored grant; {@code invalid_grant} throws {@code INVALID_CREDENTIALS}. */
    Credentials refresh(String connectorType, Credentials current) {
        OAuthConnector plugin = configured(connectorType);
        OAuthApp app = plugin.app();
        String refreshToken = current.get(Credentials.REFRESH_TOKEN).orElseThrow(
                () -> new ConnectionsException(ErrorCode.INVALID_CREDENTIALS,
                        app.name() + " grant has no refresh token",
                        Map.of(ProviderFailures.DETAIL_PROVIDER, app.name(), ProviderFailures.DETAIL_REASON, "auth")));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "refresh_token");
        params.put("refresh_token", refreshToken);
        JsonNode token = postToken(plugin, params);
        return credentials(plugin, token, current.secrets());
    }

    @Override
    public boolean canIdentify(String connectorType) {
        return registry.find(connectorType, OAuthConnector.class)
                .map(OAuthConnector::identifiesFromCredentials).orElse(false);
    }

    @Override
    public AccountIdentity identify(String connectorType, Credentials credentials) {
        OAuthConnector plugin = configured(connectorType);
        return plugin.identity(new ConnectorContext(plugin, settings, http, clock), JSON.createObjectNode(), credentials);
    }

    @Override
    public void revoke(String connectorType, Credentials credentials) {
        Optional<OAuthConnector> found = registry.find(connectorType, OAuthConnector.class);
        if (found.isEmpty() || credentials == null) {
            return;
        }
        OAuthConnector plugin = found.get();
        try {
            Optional<java.net.http.HttpRequest.Builder> request =
                    plugin.revokeRequest(new ConnectorContext(plugin, settings, http, clock), credentials);
            if (request.isEmpty()) {
                return;
            }
            Response response = http.send(plugin.name(), plugin.errorDialect(), request.get(), false);
            LOG.debug("{} revoke answered HTTP {}", plugin.name(), response.status());
        } catch (RuntimeException e) {
            LOG.debug("{} revoke failed: {}", plugin.name(), e.getClass().getSimpleName());
        }
    }

    private OAuthConnector configured(String connectorType) {
        Optional<ConnectorPlugin> plugin = registry.find(connectorType);
        if (plugin.isPresent() && plugin.get().comingSoon()) {
            throw new ConnectionsException(ErrorCode.CONNECTOR_NOT_CONNECTABLE,
                    plugin.get().name() + " is coming soon", Map.of("reason", "coming_soon"));
        }
        OAuthConnector oauth = plugin.filter(OAuthConnector.class::isInstance).map(OAuthConnector.class::cast)
                .orElseThrow(() -> new ConnectionsException(ErrorCode.UNKNOWN_CONNECTOR_TYPE, "Not an OAuth connector type"));
        if (!isConfigured(connectorType)) {
            throw new ConnectionsException(ErrorCode.CONNECTOR_NOT_CONNECTABLE,
                    oauth.name() + " provider app is not configured", Map.of("reason", "provider_app_not_configured"));
        }
        return oauth;
    }

    private String clientId(OAuthApp app) {
        return settings.variable(app.type(), "CLIENT_ID").orElseThrow();
    }

    private String clientSecret(OAuthApp app) {
        return settings.variable(app.type(), "CLIENT_SECRET").orElseThrow();
    }

    private JsonNode postToken(OAuthConnector plugin, Map<String, String> params) {
        OAuthApp app = plugin.app();
        HttpRequest.Builder request = HttpCore.request(app.tokenEndpoint(settings));
        if (app.clientAuth() == ClientAuth.FORM) {
            Map<String, String> body = new LinkedHashMap<>(params);
            body.put("client_id", clientId(app));
            body.put("client_secret", clientSecret(app));
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(Endpoints.form(body)));
        } else {
            String basic = Base64.getEncoder().encodeToString(
                    (clientId(app) + ":" + clientSecret(app)).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + basic);
            if (app.clientAuth() == ClientAuth.BASIC_JSON) {
                String json;
                try {
                    json = JSON.writeValueAsString(params);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("cannot encode a token request", e);
                }
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json));
            } else {
                request.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(Endpoints.form(params)));
            }
        }
        Response response = http.sendExpectingSuccess(app.name(), plugin.errorDialect(), request, false);
        JsonNode json = response.json();
        if (json == null || !json.isObject() || text(json, "access_token").isEmpty()) {
            throw HttpCore.garbage(app.name(), response);
        }
        return json;
    }

    private Credentials credentials(OAuthConnector plugin, JsonNode token, Map<String, String> previous) {
        Map<String, String> secrets = new HashMap<>(previous);
        secrets.put(Credentials.ACCESS_TOKEN, text(token, "access_token").orElseThrow());
        text(token, "refresh_token").ifPresent(t -> secrets.put(Credentials.REFRESH_TOKEN, t));
        text(token, "scope").ifPresent(granted -> secrets.put(Credentials.SCOPE, granted));
        plugin.keepFromToken(token, secrets);
        Instant expiresAt = null;
        JsonNode expiresIn = token.get("expires_in");
        if (expiresIn != null && (expiresIn.isNumber() || expiresIn.isTextual())) {
            try {
                long seconds = expiresIn.isNumber() ? expiresIn.asLong() : Long.parseLong(expiresIn.asText().trim());
                if (seconds > 0) {
                    expiresAt = clock.instant().plusSeconds(seconds);
                }
            } catch (NumberFormatException ignored) {
                expiresAt = null;
            }
        }
        return new Credentials(secrets, expiresAt);
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Json.text(node, field);
    }
}
