package com.amdahl.connections.adapter.providers.connectors.slack;

import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.CredentialKeys;
import com.amdahl.connections.adapter.providers.kit.ErrorCodes;
import com.amdahl.connections.adapter.providers.kit.ErrorDialect;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.Listing;
import com.amdahl.connections.adapter.providers.kit.OAuthApp.ClientAuth;
import com.amdahl.connections.adapter.providers.kit.OAuthApp;
import com.amdahl.connections.adapter.providers.kit.OAuthPlugin;
import com.amdahl.connections.adapter.providers.kit.PageRequest;
import com.amdahl.connections.adapter.providers.kit.PageWalk;
import com.amdahl.connections.adapter.providers.kit.Paging;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.adapter.providers.kit.SingleObject;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamRun;
import com.amdahl.connections.adapter.providers.kit.StreamSpec;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Slack: OAuth v2, comma-separated scopes; the team is the account ({@code auth.test}). Slack
 * answers errors as HTTP 200 {@code ok:false}, which its dialect reads
 * ({@code ratelimited} → rate limit, {@code invalid_auth}/{@code token_revoked} → auth). Streams:
 * channels ({@code conversations.list}), messages per channel ({@link SlackMessages}), members
 * ({@code users.list}), all paged by {@code response_metadata.next_cursor}; the team ({@code team.info}).
 */
public final class Slack extends OAuthPlugin {
    /** The account's request budget (Tier 3 methods: 50+ a minute per workspace per app; shared/reference/providers.md). */
    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(RateLimit.perMinute(50));
    }

    static final int PAGE_SIZE = 200;
    private static final Paging NEXT_CURSOR = Paging.cursor("cursor", "response_metadata.next_cursor");
    private static final List<Stream> STREAMS = List.of(
            StreamSpec.of("conversations", channelList()).records("channels").paging(NEXT_CURSOR),
            new SlackMessages(),
            StreamSpec.get("users", "/api/users.list").param("limit", PAGE_SIZE).records("members").paging(NEXT_CURSOR),
            SingleObject.get("team", "/api/team.info", "team"));

    private static final OAuthApp APP = new OAuthApp("slack", "Slack", "https://slack.com/oauth/v2/authorize",
            "https://slack.com/api/oauth.v2.access", "https://slack.com",
            List.of("channels:history", "groups:history", "im:history", "mpim:history", "channels:read",
                    "groups:read", "users:read", "users:read.email", "team:read"),
            ",", ClientAuth.FORM, true, Map.of());

    /** Errors arrive as {@code ok:false} with the code in {@code error}, usually with HTTP 200. */
    private static final ErrorDialect DIALECT = ErrorCodes.standard()
            .withInBandError(json -> json.path("ok").isBoolean() && !json.path("ok").booleanValue()
                    ? Optional.of(json.path("error").asText("unknown")) : Optional.empty())
            .with(ErrorReason.RATE_LIMIT, "ratelimited")
            .with(ErrorReason.AUTH, "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive",
                    "invalid_code", "invalid_refresh_token")
            .with(ErrorReason.CONFIG, "invalid_client_id", "bad_client_secret", "bad_redirect_uri")
            .with(ErrorReason.TRANSIENT, "fatal_error", "internal_error", "service_unavailable", "request_timeout");

    public Slack() {
        super(APP, Listing.of(Category.COMMS, Ownership.WORKSPACE, Cadence.TEN_MINUTES), STREAMS, DIALECT);
    }

    /** Public and private channels, archived ones left out. */
    static PageRequest channelList() {
        return PageRequest.get("/api/conversations.list").withParam("types", "public_channel,private_channel")
                .withParam("exclude_archived", true).withParam("limit", PAGE_SIZE);
    }

    /** Walks a cursor-paged method; an {@code ok:false} whose error is in {@code skip} ends the walk as if it were done. */
    static Optional<Failure> pages(StreamRun run, PageRequest first, Set<String> skip, Consumer<JsonNode> onPage) {
        return PageWalk.walk(run, first, NEXT_CURSOR, r -> Json.text(r.json(), "error").filter(skip::contains).isPresent(),
                body -> {
                    onPage.accept(body);
                    return true;
                });
    }

    @Override
    public void keepFromToken(JsonNode token, Map<String, String> secrets) {
        Json.text(token.path("team"), "id").ifPresent(id -> secrets.put(CredentialKeys.TEAM_ID, id));
    }

    @Override
    public AccountIdentity identity(ConnectorContext context, JsonNode token, Credentials credentials) {
        Response r = context.expectSuccess(signed(context.api("/api/auth.test"), credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()));
        JsonNode json = r.json();
        String teamId = json == null ? null
                : Json.text(json, "team_id").or(() -> Json.text(token.path("team"), "id")).orElse(null);
        if (teamId == null) {
            throw context.garbage(r);
        }
        return new AccountIdentity(teamId,
                Json.text(json, "team").or(() -> Json.text(token.path("team"), "name")).orElse(teamId));
    }

    @Override
    public Optional<HttpRequest.Builder> revokeRequest(ConnectorContext context, Credentials credentials) {
        return credentials.get(Credentials.ACCESS_TOKEN).map(t -> signed(context.api("/api/auth.revoke"), credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody()));
    }
}
