package com.amdahl.connections.adapter.providers.connectors.outlook;

import java.time.Duration;
import java.util.Optional;
import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.ErrorCodes;
import com.amdahl.connections.adapter.providers.kit.ErrorDialect;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.Incremental;
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
import java.util.List;
import java.util.Map;

/**
 * Outlook (personal): Microsoft identity platform OAuth; the mailbox is the account (Graph
 * {@code /me}); a personal connection syncs with its owner's token only. Streams follow
 * {@code @odata.nextLink}: messages per folder by delta ({@link OutlookMessages}), mail folders and
 * events listed in full, contacts by delta ({@code @odata.deltaLink} of the last page is the cursor;
 * a contact delta answers {@code @removed} for is marked deleted).
 * Graph answers throttling with 429 and {@code Retry-After} (the standard dialect).
 */
public final class Outlook extends OAuthPlugin {
    /** The account's request budget (10,000 requests per 10 minutes per app per mailbox; shared/reference/providers.md). */
    @Override
    public Optional<RateLimit> rateLimit() {
        return Optional.of(new RateLimit(10_000, Duration.ofMinutes(10)));
    }

    static final Paging NEXT_LINK = Paging.nextUrl("@odata.nextLink");
    static final StreamSpec FOLDERS = StreamSpec.get("mail_folders", "/v1.0/me/mailFolders").param("$top", 100)
            .records("value").paging(NEXT_LINK);
    private static final List<Stream> STREAMS = List.of(
            new OutlookMessages(),
            FOLDERS,
            StreamSpec.get("events", "/v1.0/me/events").param("$top", 100).records("value").paging(NEXT_LINK),
            StreamSpec.get("contacts", "/v1.0/me/contacts/delta").records("value").paging(NEXT_LINK)
                    .deletedWhen(contact -> contact.has("@removed")) // gone from the contacts the delta covers
                    .incremental(Incremental.fromLastPage("@odata.deltaLink", (full, link) -> full.request(r -> r.withUrl(link)))));
    private static final OAuthApp APP = new OAuthApp("outlook", "Outlook",
            "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
            "https://login.microsoftonline.com/common/oauth2/v2.0/token", "https://graph.microsoft.com",
            List.of("offline_access", "User.Read", "Mail.Read", "Calendars.Read", "Contacts.Read", "openid", "profile",
                    "email"),
            " ", ClientAuth.FORM, true, Map.of());
    /** Graph's {@code error.code} ({@code InvalidAuthenticationToken}); the identity platform's {@code expired_token}. */
    private static final ErrorDialect DIALECT = ErrorCodes.standard()
            .with(ErrorReason.AUTH, "InvalidAuthenticationToken", "expired_token");

    public Outlook() {
        super(APP, Listing.of(Category.COMMS, Ownership.PERSONAL, Cadence.TEN_MINUTES), STREAMS, DIALECT);
    }

    @Override
    public AccountIdentity identity(ConnectorContext context, JsonNode token, Credentials credentials) {
        Response r = context.expectSuccess(signed(context.api("/v1.0/me"), credentials).GET());
        JsonNode json = r.json();
        String mailbox = json == null ? null
                : Json.text(json, "mail").or(() -> Json.text(json, "userPrincipalName")).orElse(null);
        if (mailbox == null) {
            throw context.garbage(r);
        }
        return new AccountIdentity(mailbox, mailbox);
    }
}
