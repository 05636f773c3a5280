package com.amdahl.connections.adapter.providers.connectors.granola;

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
 * Granola: bearer {@code grn_…} key; checked by listing one note, which names no account. Notes
 * ({@code GET /v1/notes}) and folders ({@code GET /v1/folders}) are paged by {@code cursor} while
 * {@code hasMore} (at most 30 a page). Notes sync incrementally: later passes ask
 * {@code updated_after} the greatest {@code updated_at} seen. A transcript is the note fetched with
 * {@code ?include=transcript} (one request per listed note, keyed by and naming the note id); it
 * follows the notes' cursor, so only changed notes are fetched again.
 */
public final class Granola extends ApiKeyPlugin {
    /** The account's request budget (a sustained 5 requests a second per workspace (bursts of 25 per 5 s); shared/reference/providers.md). */
    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(RateLimit.perSecond(5));
    }

    static final int PAGE_SIZE = 30;
    private static final Paging CURSOR = Paging.cursor("cursor", "cursor").whileTrue("hasMore");
    private static final StreamSpec NOTES = StreamSpec.get("notes", "/v1/notes").param("page_size", PAGE_SIZE)
            .records("notes").paging(CURSOR);

    private static final List<Stream> STREAMS = List.of(
            NOTES.incremental(Incremental.byRecordField("updated_at", (full, since) -> notesSince(since))),
            StreamSpec.get("folders", "/v1/folders").param("page_size", PAGE_SIZE).records("folders").paging(CURSOR),
            transcriptsOf(NOTES).incremental(Incremental.byParentField("updated_at",
                    (full, since) -> transcriptsOf(notesSince(since)))));

    public Granola() {
        super("granola", "Granola", Listing.of(Category.CALLS, Ownership.WORKSPACE, Cadence.ONE_HOUR),
                "https://public-api.granola.ai", Signing.BEARER, STREAMS);
    }

    private static StreamSpec notesSince(String since) {
        return NOTES.param("updated_after", since);
    }

    private static StreamSpec transcriptsOf(StreamSpec notes) {
        return StreamSpec.get("transcripts", "/v1/notes/{parent_id}").param("include", "transcript")
                .records(StreamSpec.WHOLE_ANSWER).childOf(notes);
    }

    @Override
    public AccountIdentity verify(ConnectorContext context, String key) {
        context.object(context.expectSuccess(signed(context.api("/v1/notes?page_size=1"), key).GET()));
        return null;
    }
}
