package com.amdahl.connections.adapter.providers.connectors.pylon;

import java.util.Optional;
import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.adapter.providers.kit.ApiKeyPlugin;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.ErrorCodes;
import com.amdahl.connections.adapter.providers.kit.ErrorDialect;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.Listing;
import com.amdahl.connections.adapter.providers.kit.Paging;
import com.amdahl.connections.adapter.providers.kit.StreamSpec;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Pylon: bearer key; EU keys live on the EU host (streams too); {@code GET /me} names the
 * organization. Streams answer {@code data[]} with {@code pagination.cursor}/{@code has_next_page}:
 * issues in 30-day windows ({@link PylonIssues}, incremental by window end), accounts, contacts
 * and users listed in full.
 */
public final class Pylon extends ApiKeyPlugin {
    /** The account's request budget (30 requests a minute per endpoint on the lowest tier; shared/reference/providers.md). */
    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(RateLimit.perMinute(30));
    }

    static final int PAGE_SIZE = 100;
    static final Paging CURSOR = Paging.cursor("cursor", "pagination.cursor").whileTrue("pagination.has_next_page");
    /** A key of one region sent to the other region's host. */
    private static final ErrorDialect DIALECT = ErrorCodes.standard().with(ErrorReason.AUTH, "wrong_region_token");

    public Pylon() {
        super("pylon", "Pylon", Listing.of(Category.SUPPORT, Ownership.WORKSPACE, Cadence.THIRTY_MINUTES),
                "https://api.usepylon.com", Signing.BEARER,
                List.of(new PylonIssues(), list("accounts"), list("contacts"), list("users")), DIALECT);
    }

    private static StreamSpec list(String stream) {
        return StreamSpec.get(stream, "/" + stream).param("limit", PAGE_SIZE).records("data").paging(CURSOR);
    }

    @Override
    public String streamOrigin(Credentials credentials) {
        return originFor(credentials == null ? "" : credentials.get(Credentials.API_KEY).orElse(""));
    }

    /** Pylon keys name their region: {@code pylon_api_eu_…} lives on the EU host. */
    public static String originFor(String key) {
        return key.startsWith("pylon_api_eu_") ? "https://api.eu.usepylon.com" : "https://api.usepylon.com";
    }

    @Override
    public AccountIdentity verify(ConnectorContext context, String key) {
        JsonNode json = context.object(context.expectSuccess(signed(context.api(originFor(key), "/me"), key).GET()));
        JsonNode data = json.has("data") && json.get("data").isObject() ? json.get("data") : json;
        return Json.text(data, "id").map(id -> new AccountIdentity(id, Json.text(data, "name").orElse(id))).orElse(null);
    }
}
