package com.amdahl.connections.adapter.providers.connectors.gmail;

import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.Endpoints;
import com.amdahl.connections.adapter.providers.kit.ErrorCodes;
import com.amdahl.connections.adapter.providers.kit.ErrorDialect;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.Listing;
import com.amdahl.connections.adapter.providers.kit.OAuthApp.ClientAuth;
import com.amdahl.connections.adapter.providers.kit.OAuthApp;
import com.amdahl.connections.adapter.providers.kit.OAuthPlugin;
import com.amdahl.connections.adapter.providers.kit.Paging;
import com.amdahl.connections.adapter.providers.kit.Stream;
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

/**
 * Gmail (personal): Google OAuth with offline access; the mailbox address is the account. A
 * personal connection syncs with its owner's token only. Streams: messages ({@link GmailMessages},
 * incremental by {@code historyId}), threads and labels (listed in full each run). Google's 403
 * {@code rateLimitExceeded}/{@code userRateLimitExceeded} is a rate limit (its dialect).
 */
public final class Gmail extends OAuthPlugin {
    /** The account's request budget (per-user quota: 6,000 units a minute (the lower figure) at 5 units a read; shared/reference/providers.md). */
    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(RateLimit.perSecond(20));
    }

    static final int PAGE_SIZE = 500;
    static final Paging NEXT_PAGE_TOKEN = Paging.cursor("pageToken", "nextPageToken");
    private static final List<Stream> STREAMS = List.of(
            new GmailMessages(),
            StreamSpec.get("threads", GmailMessages.BASE + "/threads").param("maxResults", PAGE_SIZE).records("threads")
                    .paging(NEXT_PAGE_TOKEN),
            StreamSpec.get("labels", GmailMessages.BASE + "/labels").records("labels"));

    private static final OAuthApp APP = new OAuthApp("gmail", "Gmail", "https://accounts.google.com/o/oauth2/v2/auth",
            "https://oauth2.googleapis.com/token", "https://gmail.googleapis.com",
            List.of("https://www.googleapis.com/auth/gmail.readonly", "openid", "email", "profile"), " ",
            ClientAuth.FORM, true, OAuthApp.orderedMap("access_type", "offline", "prompt", "consent"));
    /** Google's {@code error.errors[].reason} ({@code rateLimitExceeded} is a 403) and {@code error.status}. */
    private static final ErrorDialect DIALECT = ErrorCodes.standard()
            .withAnywhere(ErrorReason.RATE_LIMIT, "rateLimitExceeded", "userRateLimitExceeded")
            .with(ErrorReason.RATE_LIMIT, "resource_exhausted")
            .with(ErrorReason.AUTH, "unauthenticated", "authError")
            .with(ErrorReason.CONFIG, "redirect_uri_mismatch");

    public Gmail() {
        super(APP, Listing.of(Category.COMMS, Ownership.PERSONAL, Cadence.TEN_MINUTES), STREAMS, DIALECT);
    }

    @Override
    public AccountIdentity identity(ConnectorContext context, JsonNode token, Credentials credentials) {
        Response r = context.expectSuccess(signed(context.api("/gmail/v1/users/me/profile"), credentials).GET());
        JsonNode json = r.json();
        String email = json == null ? null : Json.text(json, "emailAddress").orElse(null);
        if (email == null) {
            throw context.garbage(r);
        }
        return new AccountIdentity(email, email);
    }

    @Override
    public Optional<HttpRequest.Builder> revokeRequest(ConnectorContext context, Credentials credentials) {
        return credentials.get(Credentials.REFRESH_TOKEN).or(() -> credentials.get(Credentials.ACCESS_TOKEN))
                .map(t -> HttpCore.request(Endpoints.origin(APP.tokenEndpoint(context.settings())) + "/revoke")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(Endpoints.form(Map.of("token", t)))));
    }
}
