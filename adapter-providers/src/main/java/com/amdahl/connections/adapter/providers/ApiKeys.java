package com.amdahl.connections.adapter.providers;

import static com.amdahl.connections.adapter.providers.OAuthClient.text;

import com.amdahl.connections.adapter.providers.HttpCore.Response;
import com.amdahl.connections.application.port.out.ApiKeyVerifier;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/** Verifies API keys with each provider's cheapest identity call (reference/providers.md). */
final class ApiKeys implements ApiKeyVerifier {
    static final Set<String> TYPES = Set.of("pipedrive", "fathom", "granola", "fireflies", "grain", "aircall",
            "pylon");
    static final String FIREFLIES_QUERY = "{ user { user_id email name } }";

    private final ProviderSettings settings;
    private final HttpCore http;

    ApiKeys(ProviderSettings settings, HttpCore http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public AccountIdentity verify(String connectorType, String apiKey) {
        if (connectorType == null || !TYPES.contains(connectorType)) {
            throw new ConnectionsException(ErrorCode.UNKNOWN_CONNECTOR_TYPE, "Not an API-key connector type");
        }
        String name = name(connectorType);
        if (apiKey == null || apiKey.isBlank()) {
            throw rejected(name);
        }
        String key = apiKey.trim();
        if (!key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            // The application refuses such keys first; here it only guards the header builder, whose
            // IllegalArgumentException would carry the whole key in its message.
            throw rejected(name);
        }
        return switch (connectorType) {
            case "pipedrive" -> pipedrive(key);
            case "fathom" -> {
                object(name, get(name, url("fathom", "https://api.fathom.ai", "/external/v1/teams"), "X-Api-Key", key));
                yield null;
            }
            case "granola" -> {
                object(name, get(name, url("granola", "https://public-api.granola.ai", "/v1/notes?page_size=1"),
                        "Authorization", "Bearer " + key));
                yield null;
            }
            case "fireflies" -> fireflies(key);
            case "grain" -> {
                Response r = get(name, url("grain", "https://api.grain.com", "/_/public-api/me"), "Authorization",
                        "Bearer " + key);
                JsonNode json = object(name, r);
                yield text(json, "id").map(id -> new AccountIdentity(id,
                        text(json, "email").or(() -> text(json, "name")).orElse(id))).orElse(null);
            }
            case "aircall" -> aircall(key);
            case "pylon" -> pylon(key);
            default -> throw new IllegalStateException();
        };
    }

    private AccountIdentity pipedrive(String key) {
        String name = "Pipedrive";
        Response r = get(name, url("pipedrive", "https://api.pipedrive.com", "/v1/users/me"), "x-api-token", key);
        JsonNode data = object(name, r).path("data");
        String companyId = text(data, "company_id").orElseThrow(() -> HttpCore.garbage(name, r));
        return new AccountIdentity(companyId, text(data, "company_name").orElse(companyId));
    }

    private AccountIdentity fireflies(String key) {
        String name = "Fireflies";
        String body = "{\"query\":\"" + FIREFLIES_QUERY + "\"}";
        HttpRequest.Builder request = HttpCore.request(url("fireflies", "https://api.fireflies.ai", "/graphql"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        Response r = expect(name, request);
        JsonNode user = object(name, r).path("data").path("user");
        String id = text(user, "user_id").or(() -> text(user, "email")).orElseThrow(() -> HttpCore.garbage(name, r));
        return new AccountIdentity(id, text(user, "email").or(() -> text(user, "name")).orElse(id));
    }

    private AccountIdentity aircall(String key) {
        String name = "Aircall";
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1 || key.indexOf(':', colon + 1) >= 0
                || key.chars().anyMatch(Character::isWhitespace)) {
            throw rejected(name);
        }
        String basic = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
        Response r = get(name, url("aircall", "https://api.aircall.io", "/v1/ping"), "Authorization",
                "Basic " + basic);
        object(name, r);
        return null;
    }

    private AccountIdentity pylon(String key) {
        String name = "Pylon";
        Response r = get(name, url("pylon", pylonOrigin(key), "/me"), "Authorization", "Bearer " + key);
        JsonNode json = object(name, r);
        JsonNode data = json.has("data") && json.get("data").isObject() ? json.get("data") : json;
        return text(data, "id").map(id -> new AccountIdentity(id, text(data, "name").orElse(id))).orElse(null);
    }

    /** Pylon keys name their region: {@code pylon_api_eu_…} lives on the EU host. */
    static String pylonOrigin(String key) {
        return key.startsWith("pylon_api_eu_") ? "https://api.eu.usepylon.com" : "https://api.usepylon.com";
    }

    private String url(String type, String defaultOrigin, String path) {
        return Endpoints.api(settings, type, defaultOrigin, path);
    }

    private Response get(String name, String url, String header, String value) {
        return expect(name, HttpCore.request(url).header(header, value).GET());
    }

    /**
     * Idempotent call; any classified failure becomes INVALID_CREDENTIALS (auth, config) or
     * PROVIDER_UNAVAILABLE. A refusal says the provider rejected the key; its HTTP status stays in
     * the details for whoever needs it.
     */
    private Response expect(String name, HttpRequest.Builder request) {
        try {
            return http.sendExpectingSuccess(name, request, true);
        } catch (ConnectionsException refused) {
            if (refused.code() == ErrorCode.INVALID_CREDENTIALS) {
                throw new ConnectionsException(ErrorCode.INVALID_CREDENTIALS, name + " rejected this API key",
                        refused.details());
            }
            throw refused;
        }
    }

    private static JsonNode object(String name, Response r) {
        JsonNode json = r.json();
        if (json == null || !json.isObject()) {
            throw HttpCore.garbage(name, r);
        }
        return json;
    }

    private static ConnectionsException rejected(String name) {
        return new ConnectionsException(ErrorCode.INVALID_CREDENTIALS, name + " rejected this API key",
                Map.of(ProviderFailures.DETAIL_PROVIDER, name, ProviderFailures.DETAIL_REASON, "auth"));
    }

    static String name(String type) {
        return switch (type) {
            case "pipedrive" -> "Pipedrive";
            case "fathom" -> "Fathom";
            case "granola" -> "Granola";
            case "fireflies" -> "Fireflies";
            case "grain" -> "Grain";
            case "aircall" -> "Aircall";
            case "pylon" -> "Pylon";
            default -> type;
        };
    }
}
