package com.amdahl.connections.adapter.providers.connectors.gong;

import java.util.Optional;
import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.CredentialKeys;
import com.amdahl.connections.adapter.providers.kit.Endpoints;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.Incremental;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.Listing;
import com.amdahl.connections.adapter.providers.kit.OAuthApp.ClientAuth;
import com.amdahl.connections.adapter.providers.kit.OAuthApp;
import com.amdahl.connections.adapter.providers.kit.OAuthPlugin;
import com.amdahl.connections.adapter.providers.kit.PageRequest;
import com.amdahl.connections.adapter.providers.kit.Paging;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamSpec;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Gong: OAuth with Basic client auth; calls go to the token's {@code api_base_url_for_customer}.
 * Streams: calls ({@code GET /v2/calls}), transcripts ({@code POST /v2/calls/transcript} for the
 * listed call ids, 100 at a time; a transcript is keyed by and names its parent {@code callId}) and
 * users ({@code GET /v2/users}), every one paged by {@code records.cursor} sent back as
 * {@code cursor}. Calls sync incrementally: later passes ask {@code fromDateTime} the greatest
 * {@code started} seen (Gong writes every call of a company in one offset, so the text compares);
 * transcripts follow the same cursor over their parent calls. Refresh tokens are single-use: the
 * sync engine stores each rotation before using the new access token.
 */
public final class Gong extends OAuthPlugin {
    /** The account's request budget (3 calls a second (10,000 a day); shared/reference/providers.md). */
    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(RateLimit.perSecond(3));
    }

    static final int TRANSCRIPT_BATCH = 100;
    private static final Paging CURSOR = Paging.cursor("cursor", "records.cursor");
    private static final StreamSpec CALLS = StreamSpec.get("calls", "/v2/calls").records("calls").paging(CURSOR);

    private static final List<Stream> STREAMS = List.of(
            CALLS.incremental(Incremental.byRecordField("started", (full, since) -> callsSince(since))),
            transcriptsOf(CALLS).incremental(Incremental.byParentField("started",
                    (full, since) -> transcriptsOf(callsSince(since)))),
            StreamSpec.get("users", "/v2/users").records("users").paging(CURSOR));

    private static final OAuthApp APP = new OAuthApp("gong", "Gong", "https://app.gong.io/oauth2/authorize",
            "https://app.gong.io/oauth2/generate-customer-token", "https://api.gong.io",
            List.of("api:calls:read:basic", "api:calls:read:extensive", "api:calls:read:transcript", "api:users:read"),
            " ", ClientAuth.BASIC, false, Map.of());

    public Gong() {
        super(APP, Listing.of(Category.CALLS, Ownership.WORKSPACE, Cadence.ONE_HOUR), STREAMS);
    }

    private static StreamSpec callsSince(String since) {
        return CALLS.param("fromDateTime", since);
    }

    /** {@code {"filter":{"callIds":[…]}}} for each batch of the parent's call ids. */
    private static StreamSpec transcriptsOf(StreamSpec calls) {
        return StreamSpec.post("transcripts", "/v2/calls/transcript", "{\"filter\":{}}").records("callTranscripts")
                .id("callId").paging(CURSOR).childOf(calls, TRANSCRIPT_BATCH, "callId", Gong::withCallIds);
    }

    private static PageRequest withCallIds(PageRequest request, List<String> ids) {
        ObjectNode filter = JsonNodeFactory.instance.objectNode();
        ArrayNode callIds = filter.putArray("callIds");
        ids.forEach(callIds::add);
        return request.withBodyField("filter", filter);
    }

    @Override
    public void keepFromToken(JsonNode token, Map<String, String> secrets) {
        Json.text(token, "api_base_url_for_customer").ifPresent(url -> secrets.put(CredentialKeys.API_BASE_URL, url));
    }

    /** Gong has no "me" call: a users call proves the token, the customer host names the account. */
    @Override
    public AccountIdentity identity(ConnectorContext context, JsonNode token, Credentials credentials) {
        String customer = credentials.get(CredentialKeys.API_BASE_URL).orElse(null);
        Response r = context.expectSuccess(signed(context.api(customer, "/v2/users"), credentials).GET());
        context.object(r);
        return customer == null ? null : new AccountIdentity(Endpoints.host(customer), Endpoints.host(customer));
    }
}
