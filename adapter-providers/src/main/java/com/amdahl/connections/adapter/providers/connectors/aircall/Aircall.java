package com.amdahl.connections.adapter.providers.connectors.aircall;

import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.adapter.providers.kit.ApiKeyPlugin;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.ErrorDialect;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.Incremental;
import com.amdahl.connections.adapter.providers.kit.Listing;
import com.amdahl.connections.adapter.providers.kit.Paging;
import com.amdahl.connections.adapter.providers.kit.ProviderFailures.Failure;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamSpec;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.CredentialFields;
import com.amdahl.connections.domain.catalog.CredentialFields.Field;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.sync.ErrorReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aircall: the key is {@code api_id:api_token}, sent as HTTP Basic; {@code GET /v1/ping} checks it.
 * Streams are the v1 lists ({@code per_page} up to 50, the next page's URL in
 * {@code meta.next_page_link}). Calls sync incrementally: later passes ask {@code from} the greatest
 * {@code started_at} seen (unix seconds). A 429 says when the window resets in
 * {@code X-AircallApi-Reset} (epoch seconds) rather than {@code Retry-After}.
 */
public final class Aircall extends ApiKeyPlugin {
    /** The account's request budget (60 requests a minute per company (sources say 60 or 120: the lower); shared/reference/providers.md). */
    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(RateLimit.perMinute(60));
    }

    static final int PAGE_SIZE = 50;
    private static final Paging NEXT_PAGE_LINK = Paging.nextUrl("meta.next_page_link");

    private static final List<Stream> STREAMS = List.of(
            list("calls").param("order", "asc").incremental(Incremental.byRecordField("started_at", "from")),
            list("users"),
            list("contacts"),
            list("numbers"),
            list("teams"));

    public Aircall() {
        super("aircall", "Aircall", Listing.of(Category.CALLS, Ownership.WORKSPACE, Cadence.THIRTY_MINUTES),
                "https://api.aircall.io", (request, key) -> request.header("Authorization", basic(key)),
                STREAMS, ErrorDialect.STANDARD.extendedBy(Aircall::rateLimitReset));
    }

    /** The key is two parts, as Aircall shows them: the API ID and the API token. */
    @Override
    public CredentialFields credentialFields() {
        return CredentialFields.joined(":", new Field("api_id", "API ID", false, "In Aircall: Integrations & API → API keys."),
                new Field("api_token", "API token", true, null));
    }

    private static StreamSpec list(String object) {
        return StreamSpec.get(object, "/v1/" + object).param("per_page", PAGE_SIZE).records(object).paging(NEXT_PAGE_LINK);
    }

    /** A 429 waits until {@code X-AircallApi-Reset}; other answers are read the standard way. */
    static Optional<Failure> rateLimitReset(Response response) {
        if (response.status() != 429) {
            return Optional.empty();
        }
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            if ("X-AircallApi-Reset".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                try {
                    long reset = Long.parseLong(header.getValue().get(0).trim());
                    Duration wait = Duration.between(Instant.now(), Instant.ofEpochSecond(reset));
                    return Optional.of(new Failure(ErrorReason.RATE_LIMIT, 429, wait.isNegative() ? Duration.ZERO : wait));
                } catch (NumberFormatException notEpoch) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public AccountIdentity verify(ConnectorContext context, String key) {
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1 || key.indexOf(':', colon + 1) >= 0
                || key.chars().anyMatch(Character::isWhitespace)) {
            throw context.rejectedKey();
        }
        context.object(context.expectSuccess(signed(context.api("/v1/ping"), key).GET()));
        return null;
    }

    private static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
