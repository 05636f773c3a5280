package com.amdahl.connections.adapter.providers.connectors.grain;

import com.amdahl.connections.adapter.providers.kit.ApiKeyPlugin;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.Listing;
import com.amdahl.connections.adapter.providers.kit.Paging;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamSpec;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Grain: bearer workspace or personal token; {@code GET /_/public-api/me} names the key's owner.
 * Recordings ({@code GET /_/public-api/recordings}) are paged by the {@code cursor} the answer hands
 * back; highlights are each recording's, read from {@code GET /_/public-api/recordings/{id}
 * ?include_highlights=true} (one request per recording; each highlight names its recording). The
 * public API offers no change filter, so both are listed in full every run. Stories have no list
 * endpoint (only view webhooks mention them): not a stream.
 */
public final class Grain extends ApiKeyPlugin {
    private static final StreamSpec RECORDINGS = StreamSpec.get("recordings", "/_/public-api/recordings")
            .records("recordings").paging(Paging.cursor("cursor", "cursor"));

    private static final List<Stream> STREAMS = List.of(
            RECORDINGS,
            StreamSpec.get("highlights", "/_/public-api/recordings/{parent_id}").param("include_highlights", true)
                    .records("highlights").childOf(RECORDINGS));

    public Grain() {
        super("grain", "Grain", Listing.of(Category.CALLS, Ownership.WORKSPACE, Cadence.ONE_HOUR),
                "https://api.grain.com", Signing.BEARER, STREAMS);
    }

    @Override
    public AccountIdentity verify(ConnectorContext context, String key) {
        JsonNode json = context.object(context.expectSuccess(signed(context.api("/_/public-api/me"), key).GET()));
        return Json.text(json, "id").map(id -> new AccountIdentity(id,
                Json.text(json, "email").or(() -> Json.text(json, "name")).orElse(id))).orElse(null);
    }
}
