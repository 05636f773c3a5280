package com.amdahl.connections.adapter.providers;

import com.amdahl.connections.adapter.providers.HttpCore.Response;
import com.amdahl.connections.adapter.providers.OAuthApp.ClientAuth;
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

/** The OAuth 2.0 authorization-code flow for every OAuth connector of the catalog. */
final class OAuthClient implements OAuthProvider {
    static final String INSTANCE_URL = "instance_url";
    static final String API_BASE_URL = "api_base_url";
    static final String TEAM_ID = "team_id";
    static final String WORKSPACE_ID = "workspace_id";
    static final String BOT_ID = "bot_id";

    private static final Logger LOG = LoggerFactory.getLogger(OAuthClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderSettings settings;
    private final HttpCore http;
    private final Clock clock;

    OAuthClient(ProviderSettings settings, HttpCore http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public boolean isConfigured(String connectorType) {
        return OAuthApp.find(connectorType).isPresent()
                && settings.variable(connectorType, "CLIENT_ID").isPresent()
                && settings.variable(connectorType, "CLIENT_SECRET").isPresent();
    }

    @Override
    public boolean supportsPkce(String connectorType) {
        return OAuthApp.find(connectorType).map(OAuthApp::pkce).orElse(false);
    }

    @Override
    public String authorizeUrl(String connectorType, AuthorizationRequest request) {
        OAuthApp app = configuredApp(connectorType);
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
        OAuthApp app = configuredApp(connectorType);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "authorization_code");
        params.put("code", code);
        params.put("redirect_uri", redirectUri);
        if (app.pkce() && codeVerifier != null) {
            params.put("code_verifier", codeVerifier);
        }
        JsonNode token = postToken(app, params);
        Credentials credentials = credentials(app, token, Map.of());
        AccountIdentity account = identity(app, token, credentials);
        return new Grant(credentials, account);
    }

    /** A new access token for a stored grant; {@code invalid_grant} throws {@code INVALID_CREDENTIALS}. */
    Credentials refresh(String connectorType, Credentials current) {
        OAuthApp app = configuredApp(connectorType);
        String refreshToken = current.get(Credentials.REFRESH_TOKEN).orElseThrow(
                () -> new ConnectionsException(ErrorCode.INVALID_CREDENTIALS,
                        app.name() + " grant has no refresh token",
                        Map.of(ProviderFailures.DETAIL_PROVIDER, app.name(), ProviderFailures.DETAIL_REASON, "auth")));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "refresh_token");
        params.put("refresh_token", refreshToken);
        JsonNode token = postToken(app, params);
        return credentials(app, token, current.secrets());
    }

    @Override
    public boolean canIdentify(String connectorType) {
        // Notion names its workspace only in the token response: there is no call to repeat.
        return OAuthApp.find(connectorType).isPresent() && !connectorType.startsWith("notion");
    }

    @Override
    public AccountIdentity identify(String connectorType, Credentials credentials) {
        return identity(configuredApp(connectorType), JSON.createObjectNode(), credentials);
    }

    @Override
    public void revoke(String connectorType, Credentials credentials) {
        Optional<OAuthApp> found = OAuthApp.find(connectorType);
        if (found.isEmpty() || credentials == null) {
            return;
        }
        OAuthApp app = found.get();
        Optional<String> access = credentials.get(Credentials.ACCESS_TOKEN);
        Optional<String> refresh = credentials.get(Credentials.REFRESH_TOKEN);
        Optional<String> either = refresh.or(() -> access);
        try {
            HttpRequest.Builder request = switch (app.type()) {
                case "gmail" -> either.map(t -> HttpCore
                        .request(Endpoints.origin(app.tokenEndpoint(settings)) + "/revoke")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(Endpoints.form(Map.of("token", t)))))
                        .orElse(null);
                case "salesforce" -> either.map(t -> HttpCore
                        .request(Endpoints.origin(app.tokenEndpoint(settings)) + "/services/oauth2/revoke")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(Endpoints.form(Map.of("token", t)))))
                        .orElse(null);
                case "slack" -> access.map(t -> HttpCore.request(app.api(settings, "/api/auth.revoke"))
                        .header("Authorization", "Bearer " + t)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.noBody())).orElse(null);
                case "hubspot" -> refresh.map(t -> HttpCore
                        .request(app.api(settings, "/oauth/v1/refresh-tokens/" + Endpoints.encode(t))).DELETE())
                        .orElse(null);
                default -> null;
            };
            if (request == null) {
                return;
            }
            Response response = http.send(app.name(), request, false);
            LOG.debug("{} revoke answered HTTP {}", app.name(), response.status());
        } catch (RuntimeException e) {
            LOG.debug("{} revoke failed: {}", app.name(), e.getClass().getSimpleName());
        }
    }

    private OAuthApp configuredApp(String connectorType) {
        if (OAuthApp.COMING_SOON.equals(connectorType)) {
            throw new ConnectionsException(ErrorCode.CONNECTOR_NOT_CONNECTABLE,
                    "Circleback is coming soon", Map.of("reason", "coming_soon"));
        }
        OAuthApp app = OAuthApp.find(connectorType).orElseThrow(() -> new ConnectionsException(
                ErrorCode.UNKNOWN_CONNECTOR_TYPE, "Not an OAuth connector type"));
        if (!isConfigured(connectorType)) {
            throw new ConnectionsException(ErrorCode.CONNECTOR_NOT_CONNECTABLE,
                    app.name() + " provider app is not configured", Map.of("reason", "provider_app_not_configured"));
        }
        return app;
    }

    private String clientId(OAuthApp app) {
        return settings.variable(app.type(), "CLIENT_ID").orElseThrow();
    }

    private String clientSecret(OAuthApp app) {
        return settings.variable(app.type(), "CLIENT_SECRET").orElseThrow();
    }

    private JsonNode postToken(OAuthApp app, Map<String, String> params) {
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
        Response response = http.sendExpectingSuccess(app.name(), request, false);
        JsonNode json = response.json();
        if (json == null || !json.isObject() || text(json, "access_token").isEmpty()) {
            throw HttpCore.garbage(app.name(), response);
        }
        return json;
    }

    private Credentials credentials(OAuthApp app, JsonNode token, Map<String, String> previous) {
        Map<String, String> secrets = new HashMap<>(previous);
        secrets.put(Credentials.ACCESS_TOKEN, text(token, "access_token").orElseThrow());
        text(token, "refresh_token").ifPresent(t -> secrets.put(Credentials.REFRESH_TOKEN, t));
        text(token, "scope").ifPresent(granted -> secrets.put(Credentials.SCOPE, granted));
        switch (app.type()) {
            case "salesforce" -> text(token, "instance_url").ifPresent(url -> {
                secrets.put(INSTANCE_URL, url);
                secrets.put(API_BASE_URL, url);
            });
            case "gong" -> text(token, "api_base_url_for_customer").ifPresent(url -> secrets.put(API_BASE_URL, url));
            case "slack" -> text(token.path("team"), "id").ifPresent(id -> secrets.put(TEAM_ID, id));
            case "notion", "notion_knowledge_sync" -> {
                text(token, "workspace_id").ifPresent(id -> secrets.put(WORKSPACE_ID, id));
                text(token, "bot_id").ifPresent(id -> secrets.put(BOT_ID, id));
            }
            default -> {
            }
        }
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

    private AccountIdentity identity(OAuthApp app, JsonNode token, Credentials credentials) {
        String accessToken = credentials.get(Credentials.ACCESS_TOKEN).orElseThrow();
        switch (app.type()) {
            case "hubspot": {
                Response r = get(app, app.api(settings, "/oauth/v1/access-tokens/" + Endpoints.encode(accessToken)),
                        null);
                JsonNode json = r.json();
                String hubId = json == null ? null : text(json, "hub_id").orElse(null);
                if (hubId == null) {
                    throw HttpCore.garbage(app.name(), r);
                }
                return new AccountIdentity(hubId, text(json, "hub_domain").orElse(hubId));
            }
            case "salesforce": {
                String instance = credentials.get(INSTANCE_URL).orElse(null);
                Response r = get(app, app.api(settings, instance, "/services/oauth2/userinfo"), accessToken);
                JsonNode json = r.json();
                String orgId = json == null ? null : text(json, "organization_id").orElse(null);
                if (orgId == null) {
                    throw HttpCore.garbage(app.name(), r);
                }
                return new AccountIdentity(orgId, instance == null ? orgId : Endpoints.host(instance));
            }
            case "gong": {
                String customer = credentials.get(API_BASE_URL).orElse(null);
                Response r = get(app, app.api(settings, customer, "/v2/users"), accessToken);
                JsonNode json = r.json();
                if (json == null || !json.isObject()) {
                    throw HttpCore.garbage(app.name(), r);
                }
                return customer == null ? null : new AccountIdentity(Endpoints.host(customer), Endpoints.host(customer));
            }
            case "gmail": {
                Response r = get(app, app.api(settings, "/gmail/v1/users/me/profile"), accessToken);
                JsonNode json = r.json();
                String email = json == null ? null : text(json, "emailAddress").orElse(null);
                if (email == null) {
                    throw HttpCore.garbage(app.name(), r);
                }
                return new AccountIdentity(email, email);
            }
            case "outlook": {
                Response r = get(app, app.api(settings, "/v1.0/me"), accessToken);
                JsonNode json = r.json();
                String mailbox = json == null ? null
                        : text(json, "mail").or(() -> text(json, "userPrincipalName")).orElse(null);
                if (mailbox == null) {
                    throw HttpCore.garbage(app.name(), r);
                }
                return new AccountIdentity(mailbox, mailbox);
            }
            case "slack": {
                HttpRequest.Builder request = HttpCore.request(app.api(settings, "/api/auth.test"))
                        .header("Authorization", "Bearer " + accessToken)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.noBody());
                Response r = http.sendExpectingSuccess(app.name(), request, true);
                JsonNode json = r.json();
                String teamId = json == null ? null
                        : text(json, "team_id").or(() -> text(token.path("team"), "id")).orElse(null);
                if (teamId == null) {
                    throw HttpCore.garbage(app.name(), r);
                }
                return new AccountIdentity(teamId,
                        text(json, "team").or(() -> text(token.path("team"), "name")).orElse(teamId));
            }
            case "notion":
            case "notion_knowledge_sync": {
                String workspaceId = text(token, "workspace_id").orElse(null);
                if (workspaceId == null) {
                    throw ProviderFailures.exception(app.name(),
                            new ProviderFailures.Failure(com.amdahl.connections.domain.sync.ErrorReason.UNKNOWN, 200, null));
                }
                return new AccountIdentity(workspaceId, text(token, "workspace_name").orElse(workspaceId));
            }
            default:
                return null;
        }
    }

    private Response get(OAuthApp app, String url, String bearer) {
        HttpRequest.Builder request = HttpCore.request(url).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.sendExpectingSuccess(app.name(), request, true);
    }

    /** A non-blank scalar field as text (numbers included), else empty. */
    static Optional<String> text(JsonNode node, String field) {
        if (node == null) {
            return Optional.empty();
        }
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return Optional.empty();
        }
        String s = v.asText();
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
