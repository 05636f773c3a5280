package com.amdahl.connections.adapter.providers;

import static com.amdahl.connections.adapter.providers.OAuthClient.text;

import com.amdahl.connections.adapter.providers.HttpCore.Response;
import com.amdahl.connections.adapter.providers.ProviderFailures.Failure;
import com.amdahl.connections.application.port.out.HandleResolver;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Resolves X usernames and LinkedIn organization vanity names. */
final class Handles implements HandleResolver {
    /** The LinkedIn Marketing API version sent as {@code LinkedIn-Version} (YYYYMM). */
    static final String LINKEDIN_VERSION = "202610";
    private static final Pattern X_USERNAME = Pattern.compile("[A-Za-z0-9_]{1,15}");
    private static final Pattern LINKEDIN_VANITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.&-]{0,99}");

    private final ProviderSettings settings;
    private final HttpCore http;

    Handles(ProviderSettings settings, HttpCore http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public boolean isConfigured(String connectorType) {
        return credential(connectorType).isPresent();
    }

    @Override
    public Optional<ResolvedHandle> resolve(String connectorType, String handle) {
        if (!"twitter".equals(connectorType) && !"linkedin".equals(connectorType)) {
            throw new ConnectionsException(ErrorCode.UNKNOWN_CONNECTOR_TYPE, "Not a handle connector type");
        }
        String token = credential(connectorType).orElseThrow(() -> new ConnectionsException(
                ErrorCode.CONNECTOR_NOT_CONNECTABLE, name(connectorType) + " lookup credential is not configured",
                java.util.Map.of("reason", "provider_app_not_configured")));
        return "twitter".equals(connectorType) ? twitter(token, handle) : linkedin(token, handle);
    }

    private Optional<ResolvedHandle> twitter(String token, String handle) {
        String username = normalize(handle, "x.com/", "twitter.com/");
        if (username == null || !X_USERNAME.matcher(username).matches()) {
            return Optional.empty();
        }
        String url = Endpoints.api(settings, "twitter", "https://api.x.com",
                "/2/users/by/username/" + username + "?user.fields=profile_image_url,public_metrics");
        Response r = http.send("X", HttpCore.request(url).header("Authorization", "Bearer " + token).GET(), true);
        JsonNode json = r.json();
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (r.status() == 200 && json != null && json.isObject()) {
            JsonNode data = json.get("data");
            if ((data == null || data.isNull()) && json.path("errors").isArray() && notFound(json.path("errors"))) {
                return Optional.empty();
            }
        }
        JsonNode data = success(r, "X").path("data");
        String id = text(data, "id").orElseThrow(() -> unavailable("X", r));
        JsonNode followers = data.path("public_metrics").path("followers_count");
        return Optional.of(new ResolvedHandle(id, text(data, "username").orElse(username),
                text(data, "name").orElse(null), text(data, "profile_image_url").orElse(null),
                followers.isNumber() ? followers.asLong() : null));
    }

    private static boolean notFound(JsonNode errors) {
        for (JsonNode e : errors) {
            String type = e.path("type").asText("");
            String title = e.path("title").asText("");
            if (type.endsWith("resource-not-found") || title.equalsIgnoreCase("Not Found Error")
                    || e.path("detail").asText("").toLowerCase(Locale.ROOT).startsWith("could not find")) {
                return true;
            }
        }
        return false;
    }

    private Optional<ResolvedHandle> linkedin(String token, String handle) {
        String vanity = normalize(handle, "linkedin.com/company/", "linkedin.com/showcase/");
        if (vanity == null || !LINKEDIN_VANITY.matcher(vanity).matches()) {
            return Optional.empty();
        }
        String url = Endpoints.api(settings, "linkedin", "https://api.linkedin.com",
                "/rest/organizations?q=vanityName&vanityName=" + Endpoints.encode(vanity));
        Response r = http.send("LinkedIn", HttpCore.request(url)
                .header("Authorization", "Bearer " + token)
                .header("LinkedIn-Version", LINKEDIN_VERSION)
                .header("X-Restli-Protocol-Version", "2.0.0").GET(), true);
        if (r.status() == 404) {
            return Optional.empty();
        }
        JsonNode elements = success(r, "LinkedIn").path("elements");
        if (!elements.isArray()) {
            throw unavailable("LinkedIn", r);
        }
        if (elements.isEmpty()) {
            return Optional.empty();
        }
        JsonNode org = elements.get(0);
        String id = text(org, "id").orElseThrow(() -> unavailable("LinkedIn", r));
        return Optional.of(new ResolvedHandle(id, text(org, "vanityName").orElse(vanity),
                text(org, "localizedName").orElse(null), null, null));
    }

    /** The body of a success; any failure is PROVIDER_UNAVAILABLE (the lookup credential is ours, not the user's). */
    private static JsonNode success(Response r, String name) {
        Optional<Failure> failure = r.failure();
        if (failure.isPresent()) {
            throw ProviderFailures.exception(name, failure.get(), ErrorCode.PROVIDER_UNAVAILABLE);
        }
        JsonNode json = r.json();
        if (json == null || !json.isObject()) {
            throw unavailable(name, r);
        }
        return json;
    }

    private static ConnectionsException unavailable(String name, Response r) {
        return HttpCore.garbage(name, r);
    }

    private static String normalize(String handle, String... urlPrefixes) {
        if (handle == null) {
            return null;
        }
        String h = handle.trim();
        String lower = h.toLowerCase(Locale.ROOT);
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

    private Optional<String> credential(String connectorType) {
        if ("twitter".equals(connectorType)) {
            return settings.value("CONNECTIONS_TWITTER_BEARER_TOKEN");
        }
        if ("linkedin".equals(connectorType)) {
            return settings.value("CONNECTIONS_LINKEDIN_ACCESS_TOKEN");
        }
        return Optional.empty();
    }

    private static String name(String type) {
        return "twitter".equals(type) ? "X" : "LinkedIn";
    }
}
