package com.amdahl.connections.adapter.providers.connectors.fireflies;

import java.util.Optional;
import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.adapter.providers.kit.ApiKeyPlugin;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.ErrorCodes;
import com.amdahl.connections.adapter.providers.kit.ErrorDialect;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.Incremental;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.Listing;
import com.amdahl.connections.adapter.providers.kit.Paging;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamSpec;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;

/**
 * Fireflies: bearer key on a GraphQL API; the key's user is the account. Errors arrive as HTTP 200
 * with {@code errors[]} ({@code too_many_requests}, {@code auth_failed}), codes its dialect names.
 * Transcripts and bites page by {@code skip}/{@code limit} (50, the API's maximum; a short page is
 * the last); users and channels come whole. Transcripts sync incrementally: later passes ask
 * {@code fromDate} the greatest {@code date} seen (epoch milliseconds, sent as ISO-8601). Bites are
 * the team's ({@code my_team: true}).
 */
public final class Fireflies extends ApiKeyPlugin {
    /** The account's request budget (60 requests a minute on Business and Enterprise; shared/reference/providers.md). */
    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(RateLimit.perMinute(60));
    }

    static final String USER_QUERY = "{ user { user_id email name } }";
    static final int PAGE_SIZE = 50;
    private static final Paging SKIP_LIMIT = Paging.offset("skip", "limit", PAGE_SIZE);
    private static final String TRANSCRIPTS = "query Transcripts($limit: Int, $skip: Int, $fromDate: DateTime) "
            + "{ transcripts(limit: $limit, skip: $skip, fromDate: $fromDate) { id title date dateString duration "
            + "organizer_email host_email participants transcript_url meeting_link summary { overview action_items keywords } } }";
    private static final StreamSpec TRANSCRIPTS_LIST = StreamSpec.graphql("transcripts", "/graphql", TRANSCRIPTS)
            .records("data.transcripts").paging(SKIP_LIMIT);

    private static final List<Stream> STREAMS = List.of(
            TRANSCRIPTS_LIST.incremental(Incremental.byRecordField("date",
                    (full, since) -> since.matches("\\d{1,18}")
                            ? TRANSCRIPTS_LIST.param("fromDate", Instant.ofEpochMilli(Long.parseLong(since)).toString())
                            : full)),
            StreamSpec.graphql("users", "/graphql", "{ users { user_id email name num_transcripts recent_meeting "
                    + "minutes_consumed is_admin integrations } }").records("data.users").id("user_id"),
            StreamSpec.graphql("channels", "/graphql", "{ channels { id title is_private created_at updated_at created_by } }")
                    .records("data.channels"),
            StreamSpec.graphql("bites", "/graphql", "query Bites($limit: Int, $skip: Int) { bites(my_team: true, limit: $limit, "
                    + "skip: $skip) { id transcript_id name status summary start_time end_time media_type created_at "
                    + "created_from { id name type } } }").records("data.bites").paging(SKIP_LIMIT));
    private static final ErrorDialect DIALECT = ErrorCodes.standard()
            .with(ErrorReason.RATE_LIMIT, "too_many_requests")
            .with(ErrorReason.AUTH, "auth_failed");

    private static final Listing LISTING = Listing.of(Category.CALLS, Ownership.WORKSPACE, Cadence.ONE_HOUR)
            .notes("Fireflies' API key requires a Fireflies Business-tier plan; lower tiers do not expose API access.");

    public Fireflies() {
        super("fireflies", "Fireflies", LISTING, "https://api.fireflies.ai", Signing.BEARER, STREAMS, DIALECT);
    }

    @Override
    public AccountIdentity verify(ConnectorContext context, String key) {
        String body = "{\"query\":\"" + USER_QUERY + "\"}";
        Response r = context.expectSuccess(signed(context.api("/graphql"), key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        JsonNode user = context.object(r).path("data").path("user");
        String id = Json.text(user, "user_id").or(() -> Json.text(user, "email")).orElseThrow(() -> context.garbage(r));
        return new AccountIdentity(id, Json.text(user, "email").or(() -> Json.text(user, "name")).orElse(id));
    }
}
