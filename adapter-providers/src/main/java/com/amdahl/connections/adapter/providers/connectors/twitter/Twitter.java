package com.amdahl.connections.adapter.providers.connectors.twitter;

import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.adapter.providers.kit.Bearer;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.Endpoints;
import com.amdahl.connections.adapter.providers.kit.ErrorDialect;
import com.amdahl.connections.adapter.providers.kit.HandleConnector;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.Incremental;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.Listing;
import com.amdahl.connections.adapter.providers.kit.MalformedPage;
import com.amdahl.connections.adapter.providers.kit.NamedConnector;
import com.amdahl.connections.adapter.providers.kit.Paging;
import com.amdahl.connections.adapter.providers.kit.NewestWindow;
import com.amdahl.connections.adapter.providers.kit.PerConnection;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.adapter.providers.kit.SingleObject;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamRun;
import com.amdahl.connections.adapter.providers.kit.StreamSpec;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.HandleResolver.ResolvedHandle;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * X / Twitter: usernames resolved with the app-only bearer token ({@code GET /2/users/by/username/:u}).
 * Streams read the tracked user with the same token: the profile ({@code GET /2/users/:id}), its
 * posts ({@code /2/users/:id/tweets}) and mentions ({@code /2/users/:id/mentions}), paged by
 * {@code meta.next_token} sent back as {@code pagination_token}, incremental by {@code since_id}
 * (the greatest post id written). A 429 waits until {@code x-rate-limit-reset} (bounded like
 * {@code Retry-After}).
 */
public final class Twitter extends NamedConnector implements HandleConnector {
    /** The account's request budget (300 user lookups per 15 minutes per app; shared/reference/providers.md). */
    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(new RateLimit(300, Duration.ofMinutes(15)));
    }

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_]{1,15}");
    static final int PAGE_SIZE = 100;
    private static final String TWEET_FIELDS = "created_at,public_metrics,conversation_id,author_id,lang";
    private static final List<Stream> STREAMS = List.of(
            new PerConnection("profile", run -> SingleObject.get("profile", "/2/users/" + userId(run), "data")
                    .param("user.fields", "created_at,description,public_metrics,profile_image_url,verified,location,url")
                    .header("Authorization", bearer(run))),
            timeline("posts", "tweets"),
            timeline("mentions", "mentions"));

    public Twitter() {
        super("twitter", "X", Listing.of(Category.SOCIAL, Ownership.WORKSPACE, Cadence.ONE_DAY).shownAs("X / Twitter"),
                "https://api.x.com", STREAMS, ErrorDialect.STANDARD.extendedBy(Twitter::rateLimitReset));
    }

    private static Stream timeline(String stream, String path) {
        // X serves only the newest 3,200 posts (800 mentions) of a timeline: post ids grow with time, so what
        // a full pass spans (ids from the least it listed up) is reconciled, older posts never
        return PerConnection.windowed(stream, NewestWindow.byNumber("id"), run -> StreamSpec.get(stream, "/2/users/" + userId(run) + "/" + path)
                .param("max_results", PAGE_SIZE).param("tweet.fields", TWEET_FIELDS).header("Authorization", bearer(run))
                .records("data").paging(Paging.cursor("pagination_token", "meta.next_token"))
                .incremental(Incremental.byRecordField("id", "since_id")));
    }

    private static String userId(StreamRun run) {
        return Endpoints.encode(Optional.ofNullable(run.credentials())
                .flatMap(c -> c.get(Credentials.ACCOUNT_ID)).orElseThrow(MalformedPage::new));
    }

    /** The platform's app-only token (handle connections store no secret of their own). */
    private static String bearer(StreamRun run) {
        return Bearer.of(run.context().settings().value("CONNECTIONS_TWITTER_BEARER_TOKEN").orElse(""));
    }

    /** A 429 with {@code x-rate-limit-reset} (Unix seconds): wait until then. */
    private static Optional<Failure> rateLimitReset(Response response) {
        if (response.status() != 429) {
            return Optional.empty();
        }
        return response.headers().entrySet().stream().filter(e -> "x-rate-limit-reset".equalsIgnoreCase(e.getKey()))
                .flatMap(e -> e.getValue().stream()).findFirst().flatMap(Twitter::seconds)
                .map(reset -> new Failure(ErrorReason.RATE_LIMIT, 429,
                        Duration.ofSeconds(Math.max(0, reset - Instant.now().getEpochSecond()))));
    }

    private static Optional<Long> seconds(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            return Optional.empty();
        }
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
        Response r = context.send(Bearer.token(HttpCore.request(url), token).GET());
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
