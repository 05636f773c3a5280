package com.amdahl.connections.adapter.providers.connectors.fathom;

import java.util.Optional;
import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.adapter.providers.kit.ApiKeyPlugin;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.Incremental;
import com.amdahl.connections.adapter.providers.kit.Listing;
import com.amdahl.connections.adapter.providers.kit.Paging;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamSpec;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.connection.AccountIdentity;
import java.util.List;

/**
 * Fathom: {@code X-Api-Key}; checked with {@code GET /external/v1/teams}, which names no account.
 * Streams are the external v1 lists ({@code items[]}, the next page's {@code cursor} in
 * {@code next_cursor}). Meetings are keyed by {@code recording_id} and sync incrementally:
 * later passes ask for meetings {@code created_after} the greatest {@code created_at} seen. Teams
 * and team members carry no id in the API: a team is keyed by its name, a member by their email.
 */
public final class Fathom extends ApiKeyPlugin {
    /** The account's request budget (60 calls per 60 s; shared/reference/providers.md). */
    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(RateLimit.perMinute(60));
    }

    private static final Paging NEXT_CURSOR = Paging.cursor("cursor", "next_cursor");

    private static final List<Stream> STREAMS = List.of(
            list("meetings", "/external/v1/meetings", "recording_id")
                    .incremental(Incremental.byRecordField("created_at", "created_after")),
            list("teams", "/external/v1/teams", "name"),
            list("team_members", "/external/v1/team_members", "email"));

    public Fathom() {
        super("fathom", "Fathom", Listing.of(Category.CALLS, Ownership.WORKSPACE, Cadence.ONE_HOUR),
                "https://api.fathom.ai", Signing.header("X-Api-Key"), STREAMS);
    }

    private static StreamSpec list(String stream, String path, String idField) {
        return StreamSpec.get(stream, path).records("items").id(idField).paging(NEXT_CURSOR);
    }

    @Override
    public AccountIdentity verify(ConnectorContext context, String key) {
        context.object(context.expectSuccess(signed(context.api("/external/v1/teams"), key).GET()));
        return null;
    }
}
