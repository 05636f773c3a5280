package com.amdahl.connections.adapter.providers.connectors.twitter;

import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.HandleConnector;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.NamedConnector;
import com.amdahl.connections.application.port.out.HandleResolver.ResolvedHandle;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** X / Twitter: usernames resolved with the app-only bearer token ({@code GET /2/users/by/username/:u}). */
public final class Twitter extends NamedConnector implements HandleConnector {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{1,15}");

    public Twitter() {
        super("twitter", "X", "https://api.x.com");
    }

    @Override
    public String lookupCredentialVariable() {
        return "CONNECTIONS_TWITTER_BEARER_TOKEN";
    }

    @Override
    public Optional<ResolvedHandle> resolve(ConnectorContext context, String token, String handle) {
        String username = ConnectorContext.normalizeHandle(handle, "x.com/", "twitter.com/");
        if (username == null || !USERNAME.matcher(username).matches()) {
            return Optional.empty();
        }
        String url = context.api("/2/users/by/username/" + username + "?user.fields=profile_image_url,public_metrics");
        Response r = context.http().send(name(), HttpCore.request(url).header("Authorization", "Bearer " + token).GET(), true);
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
        JsonNode data = context.lookupAnswer(r).path("data");
        String id = Json.text(data, "id").orElseThrow(() -> context.garbage(r));
        JsonNode followers = data.path("public_metrics").path("followers_count");
        return Optional.of(new ResolvedHandle(id, Json.text(data, "username").orElse(username),
                Json.text(data, "name").orElse(null), Json.text(data, "profile_image_url").orElse(null),
                followers.isNumber() ? followers.asLong() : null));
    }

    /** X answers an unknown username with HTTP 200, no data and a resource-not-found error. */
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
}
