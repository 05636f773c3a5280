package com.amdahl.connections.adapter.providers.connectors.pipedrive;

import java.time.Duration;
import java.util.Optional;
import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.adapter.providers.kit.ApiKeyPlugin;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.Incremental;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.Listing;
import com.amdahl.connections.adapter.providers.kit.Paging;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamSpec;
import com.amdahl.connections.adapter.providers.kit.WithDeletedListing;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Pipedrive: {@code x-api-token}; the company is the account ({@code GET /v1/users/me}). Streams
 * are the v1 lists ({@code data[]}, {@code start}/{@code limit} until
 * {@code more_items_in_collection} is false). They sync incrementally: the first pass lists
 * everything, later passes read {@code GET /v1/recents?since_timestamp=…&items=<item>} from the
 * greatest {@code update_time} seen (Pipedrive's own {@code YYYY-MM-DD HH:MM:SS} UTC format).
 * After its pass, deals lists {@code GET /v1/deals?status=deleted} (the deals deleted in the last
 * 30 days; Pipedrive then removes them for good) and each is a delete; the deal says no time of
 * deletion, so the store uses when it was seen. Persons, organizations and activities have no
 * documented listing of deleted objects: they are reconciled.
 */
public final class Pipedrive extends ApiKeyPlugin {
    /** The account's request budget (20 requests per 2 s per token on the smallest plan; shared/reference/providers.md). */
    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(new RateLimit(20, Duration.ofSeconds(2)));
    }

    static final int PAGE_SIZE = 100;
    private static final Paging START_LIMIT = Paging.offset("start", "limit", PAGE_SIZE)
            .moreWhen("additional_data.pagination.more_items_in_collection")
            .nextStartAt("additional_data.pagination.next_start");

    private static final List<Stream> STREAMS = List.of(
            list("persons", "person"),
            new WithDeletedListing(list("deals", "deal"), listing("deals").param("status", "deleted").deletedWhen(deal -> true)),
            list("organizations", "organization"),
            list("activities", "activity"));

    public Pipedrive() {
        super("pipedrive", "Pipedrive", Listing.of(Category.CRM, Ownership.WORKSPACE, Cadence.ONE_HOUR),
                "https://api.pipedrive.com", Signing.header("x-api-token"), STREAMS);
    }

    private static StreamSpec listing(String stream) {
        return StreamSpec.get(stream, "/v1/" + stream).records("data").paging(START_LIMIT);
    }

    private static StreamSpec list(String stream, String recentsItem) {
        return listing(stream)
                .incremental(Incremental.byRecordField("update_time", (full, since) -> recents(stream, recentsItem, since)));
    }

    /** {@code GET /v1/recents}: each element wraps the changed object in {@code data}. */
    static StreamSpec recents(String stream, String item, String since) {
        return StreamSpec.get(stream, "/v1/recents").param("since_timestamp", since).param("items", item)
                .records("data").recordAt("data").paging(START_LIMIT);
    }

    @Override
    public AccountIdentity verify(ConnectorContext context, String key) {
        Response r = context.expectSuccess(signed(context.api("/v1/users/me"), key).GET());
        JsonNode data = context.object(r).path("data");
        String companyId = Json.text(data, "company_id").orElseThrow(() -> context.garbage(r));
        return new AccountIdentity(companyId, Json.text(data, "company_name").orElse(companyId));
    }
}
