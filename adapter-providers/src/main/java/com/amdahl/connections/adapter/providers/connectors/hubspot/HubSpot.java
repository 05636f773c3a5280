package com.amdahl.connections.adapter.providers.connectors.hubspot;

import java.time.Duration;
import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.Endpoints;
import com.amdahl.connections.adapter.providers.kit.ErrorCodes;
import com.amdahl.connections.adapter.providers.kit.ErrorDialect;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.Incremental;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.Listing;
import com.amdahl.connections.adapter.providers.kit.OAuthApp.ClientAuth;
import com.amdahl.connections.adapter.providers.kit.OAuthApp;
import com.amdahl.connections.adapter.providers.kit.OAuthPlugin;
import com.amdahl.connections.adapter.providers.kit.Paging;
import com.amdahl.connections.adapter.providers.kit.Stream;
import com.amdahl.connections.adapter.providers.kit.StreamSpec;
import com.amdahl.connections.adapter.providers.kit.WithDeletedListing;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HubSpot: OAuth with PKCE; the portal ({@code hub_id}/{@code hub_domain}) is the account. Streams
 * are CRM v3 objects and owners, paged by {@code after} cursors. Objects sync incrementally: the
 * first pass lists everything, later passes search for records modified since the greatest
 * {@code updatedAt} seen ({@code lastmodifieddate} for contacts, {@code hs_lastmodifieddate} for
 * the other objects; {@code GTE}, so the boundary record is upserted again). Owners have no search
 * and are listed in full every run. After its live pass every stream lists its archived objects
 * ({@code archived=true}) in full, and each becomes a delete (objects at their {@code archivedAt}).
 */
public final class HubSpot extends OAuthPlugin {
    /** The account's request budget (100 requests per 10 s per app per account (the OAuth burst limit); shared/reference/providers.md). */
    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(new RateLimit(100, Duration.ofSeconds(10)));
    }

    static final int PAGE_SIZE = 100;
    private static final OAuthApp APP = new OAuthApp("hubspot", "HubSpot", "https://app.hubspot.com/oauth/authorize",
            "https://api.hubapi.com/oauth/v1/token", "https://api.hubapi.com",
            List.of("oauth", "crm.objects.contacts.read", "crm.objects.companies.read", "crm.objects.deals.read",
                    "crm.objects.owners.read"),
            " ", ClientAuth.FORM, true, Map.of());
    private static final Paging AFTER = Paging.cursor("after", "paging.next.after");
    /** {@code "errorType":"RATE_LIMIT"} with its 429s; a refused refresh says {@code "status":"BAD_REFRESH_TOKEN"}. */
    private static final ErrorDialect DIALECT = ErrorCodes.standard()
            .with(ErrorReason.RATE_LIMIT, "rate_limit")
            .with(ErrorReason.AUTH, "bad_refresh_token");

    private static final List<Stream> STREAMS = List.of(
            crmObject("contacts", "lastmodifieddate"),
            crmObject("companies", "hs_lastmodifieddate"),
            crmObject("deals", "hs_lastmodifieddate"),
            new WithDeletedListing(owners(), owners().param("archived", true).deletedWhen(owner -> true)),
            crmObject("tasks", "hs_lastmodifieddate"));

    public HubSpot() {
        super(APP, Listing.of(Category.CRM, Ownership.WORKSPACE, Cadence.ONE_HOUR), STREAMS, DIALECT);
    }

    /**
     * A CRM object: its live listing (incremental by search), then its archived listing
     * ({@code archived=true} answers only archived objects, each with {@code archivedAt}), whose
     * objects are deletes at their {@code archivedAt}. Search never answers archived objects.
     */
    private static Stream crmObject(String object, String modifiedProperty) {
        StreamSpec list = StreamSpec.get(object, "/crm/v3/objects/" + object).param("limit", PAGE_SIZE).records("results")
                .paging(AFTER);
        return new WithDeletedListing(
                list.incremental(Incremental.byRecordField("updatedAt", (full, since) -> modifiedSince(object, modifiedProperty, since))),
                list.param("archived", true).deletedWhen(archived -> true, "archivedAt"));
    }

    /** Owners; {@code archived=true} lists the archived ones (deactivated users), which say no time of archiving. */
    private static StreamSpec owners() {
        return StreamSpec.get("owners", "/crm/v3/owners").param("limit", PAGE_SIZE).records("results").paging(AFTER);
    }

    /** {@code POST /crm/v3/objects/{object}/search}: modified at or after {@code since}, oldest first. */
    static StreamSpec modifiedSince(String object, String property, String since) {
        String body = "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"" + property + "\",\"operator\":\"GTE\",\"value\":"
                + TextNode.valueOf(since) + "}]}],\"sorts\":[{\"propertyName\":\"" + property
                + "\",\"direction\":\"ASCENDING\"}],\"limit\":" + PAGE_SIZE + "}";
        return StreamSpec.post(object, "/crm/v3/objects/" + object + "/search", body).records("results").paging(AFTER);
    }

    @Override
    public AccountIdentity identity(ConnectorContext context, JsonNode token, Credentials credentials) {
        String accessToken = credentials.get(Credentials.ACCESS_TOKEN).orElseThrow();
        Response r = context.expectSuccess(HttpCore.request(
                context.api("/oauth/v1/access-tokens/" + Endpoints.encode(accessToken))).GET());
        JsonNode json = r.json();
        String hubId = json == null ? null : Json.text(json, "hub_id").orElse(null);
        if (hubId == null) {
            throw context.garbage(r);
        }
        return new AccountIdentity(hubId, Json.text(json, "hub_domain").orElse(hubId));
    }

    @Override
    public Optional<HttpRequest.Builder> revokeRequest(ConnectorContext context, Credentials credentials) {
        return credentials.get(Credentials.REFRESH_TOKEN).map(t -> HttpCore
                .request(context.api("/oauth/v1/refresh-tokens/" + Endpoints.encode(t))).DELETE());
    }
}
