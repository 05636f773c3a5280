package com.amdahl.connections.adapter.providers.connectors.salesforce;

import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.CredentialKeys;
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
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Salesforce: OAuth with PKCE; API calls go to the token's {@code instance_url}; the org is the
 * account. Streams are SOQL queries ({@code GET /services/data/v61.0/queryAll?q=SELECT FIELDS(STANDARD)
 * FROM <object> ORDER BY SystemModstamp ASC}, the next batch at {@code nextRecordsUrl}); {@code queryAll}
 * also answers soft-deleted records ({@code IsDeleted: true}), which become deletes. Users, which
 * Salesforce deactivates but never deletes, use {@code /query}. Every stream
 * syncs incrementally on {@code SystemModstamp}: later passes add {@code WHERE SystemModstamp >= <cursor>}
 * (truncated to the second, so the boundary record is upserted again). Tokens carry no
 * {@code expires_in}: an expired session answers 401 {@code INVALID_SESSION_ID}, the sync engine
 * refreshes once and pulls again. 403 {@code REQUEST_LIMIT_EXCEEDED} is the rate limit.
 */
public final class Salesforce extends OAuthPlugin {
    static final String QUERY_PATH = "/services/data/v61.0/query";
    private static final DateTimeFormatter SYSTEM_MODSTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX");

    /** Also answers the soft-deleted records (Recycle Bin), with {@code IsDeleted: true}. */
    static final String QUERY_ALL_PATH = "/services/data/v61.0/queryAll";

    private static final List<Stream> STREAMS = List.of(
            object("accounts", "Account", true),
            object("contacts", "Contact", true),
            object("opportunities", "Opportunity", true),
            object("users", "User", false), // a user is deactivated, never deleted: User has no IsDeleted
            object("cases", "Case", true));

    private static final OAuthApp APP = new OAuthApp("salesforce", "Salesforce",
            "https://login.salesforce.com/services/oauth2/authorize",
            "https://login.salesforce.com/services/oauth2/token", "https://login.salesforce.com",
            List.of("api", "refresh_token", "offline_access", "id", "openid"), " ", ClientAuth.FORM, true,
            Map.of("prompt", "consent"));
    /** Errors are {@code [{"message","errorCode"}]}; the rate limit is 403 {@code REQUEST_LIMIT_EXCEEDED}. */
    private static final ErrorDialect DIALECT = ErrorCodes.standard()
            .withAnywhere(ErrorReason.RATE_LIMIT, "REQUEST_LIMIT_EXCEEDED")
            .with(ErrorReason.AUTH, "invalid_session_id")
            .with(ErrorReason.CONFIG, "redirect_uri_mismatch");

    public Salesforce() {
        super(APP, Listing.of(Category.CRM, Ownership.WORKSPACE, Cadence.ONE_HOUR), STREAMS, DIALECT);
    }

    private static StreamSpec object(String stream, String sObject, boolean softDeletes) {
        return soql(stream, sObject, "", softDeletes).incremental(Incremental.byRecordField("SystemModstamp", (full, since) ->
                soqlDateTime(since).map(at -> soql(stream, sObject, " WHERE SystemModstamp >= " + at, softDeletes))
                        .orElse(full)));
    }

    /**
     * The object's SOQL stream. For an object with {@code IsDeleted} it runs on {@code queryAll}, which
     * also answers the records deleted since (a delete moves {@code SystemModstamp}); each
     * {@code IsDeleted: true} record is a delete at its {@code SystemModstamp}. {@code FIELDS(STANDARD)}
     * already selects {@code IsDeleted}: naming it again would be a duplicate field, which SOQL refuses.
     */
    private static StreamSpec soql(String stream, String sObject, String where, boolean softDeletes) {
        StreamSpec spec = StreamSpec.get(stream, softDeletes ? QUERY_ALL_PATH : QUERY_PATH)
                .param("q", "SELECT FIELDS(STANDARD) FROM " + sObject + where + " ORDER BY SystemModstamp ASC")
                .records("records").id("Id").paging(Paging.nextUrl("nextRecordsUrl"));
        return softDeletes ? spec.deletedWhen(record -> record.path("IsDeleted").asBoolean(false), "SystemModstamp") : spec;
    }

    /**
     * A SOQL dateTime literal ({@code 2026-11-05T09:00:00Z}) from a stored {@code SystemModstamp}
     * ({@code 2026-11-05T09:00:00.000+0000}); empty for anything else (never spliced into a query:
     * the stream then runs a full pass).
     */
    static Optional<String> soqlDateTime(String systemModstamp) {
        try {
            return Optional.of(OffsetDateTime.parse(systemModstamp, SYSTEM_MODSTAMP).toInstant()
                    .truncatedTo(ChronoUnit.SECONDS).toString());
        } catch (DateTimeParseException notOurs) {
            return Optional.empty();
        }
    }

    @Override
    public void keepFromToken(JsonNode token, Map<String, String> secrets) {
        Json.text(token, "instance_url").ifPresent(url -> {
            secrets.put(CredentialKeys.INSTANCE_URL, url);
            secrets.put(CredentialKeys.API_BASE_URL, url);
        });
    }

    @Override
    public AccountIdentity identity(ConnectorContext context, JsonNode token, Credentials credentials) {
        String instance = credentials.get(CredentialKeys.INSTANCE_URL).orElse(null);
        Response r = context.expectSuccess(signed(context.api(instance, "/services/oauth2/userinfo"), credentials).GET());
        JsonNode json = r.json();
        String orgId = json == null ? null : Json.text(json, "organization_id").orElse(null);
        if (orgId == null) {
            throw context.garbage(r);
        }
        return new AccountIdentity(orgId, instance == null ? orgId : Endpoints.host(instance));
    }

    @Override
    public Optional<HttpRequest.Builder> revokeRequest(ConnectorContext context, Credentials credentials) {
        return credentials.get(Credentials.REFRESH_TOKEN).or(() -> credentials.get(Credentials.ACCESS_TOKEN))
                .map(t -> HttpCore.request(Endpoints.origin(APP.tokenEndpoint(context.settings())) + "/services/oauth2/revoke")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(Endpoints.form(Map.of("token", t)))));
    }
}
