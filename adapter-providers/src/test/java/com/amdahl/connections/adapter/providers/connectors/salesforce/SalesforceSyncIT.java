package com.amdahl.connections.adapter.providers.connectors.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.ConnectorSyncContract;
import com.amdahl.connections.adapter.providers.StreamHarness;
import com.amdahl.connections.adapter.providers.kit.CredentialKeys;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.health.Health;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Salesforce's five SOQL streams through whole sync runs: the OAuth grant's {@code instance_url} is
 * the stub, pages follow {@code nextRecordsUrl}, errors come as Salesforce's error arrays.
 */
class SalesforceSyncIT extends ConnectorSyncContract {
    private static final Map<String, String> OBJECTS = Map.of("accounts", "Account", "contacts", "Contact",
            "opportunities", "Opportunity", "users", "User", "cases", "Case");
    private static final String QUERY = "/services/data/v61.0/query";
    private static final String QUERY_ALL = "/services/data/v61.0/queryAll";

    /** Users are on {@code /query}; the objects with {@code IsDeleted} on {@code /queryAll}. */
    private static String pathOf(String object) {
        return object.equals("User") ? QUERY : QUERY_ALL;
    }

    @Override
    protected String type() {
        return "salesforce";
    }

    @Override
    protected Map<String, String> env() {
        return Map.of("CONNECTIONS_SALESFORCE_CLIENT_ID", "sf-client", "CONNECTIONS_SALESFORCE_CLIENT_SECRET", "sf-SECRET",
                "CONNECTIONS_SALESFORCE_AUTHORIZE_URL", base() + "/services/oauth2/authorize",
                "CONNECTIONS_SALESFORCE_TOKEN_URL", base() + "/services/oauth2/token");
    }

    /** The token response names the stub as the instance: every API call must go there. */
    @Override
    protected ConnectionId connect() {
        wm.stubFor(post(urlPathEqualTo("/services/oauth2/token")).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson(token("sf-access", "sf-refresh"))));
        wm.stubFor(get(urlPathEqualTo("/services/oauth2/userinfo")).withHeader("Authorization", equalTo("Bearer sf-access"))
                .willReturn(okJson("{\"organization_id\":\"00D5g000004Acme\",\"user_id\":\"0055g00000Ada\"}")));
        return harness.connectOAuth("salesforce", "sf-code");
    }

    private static String token(String access, String refresh) {
        return "{\"access_token\":\"" + access + "\"," + (refresh == null ? "" : "\"refresh_token\":\"" + refresh + "\",")
                + "\"instance_url\":\"" + base() + "\",\"id\":\"https://login.salesforce.com/id/00D5g000004Acme/0055g00000Ada\","
                + "\"token_type\":\"Bearer\",\"issued_at\":\"1796400000000\",\"signature\":\"c2ln\"}";
    }

    @Override
    protected UrlPattern requestsOf(String stream) {
        String object = OBJECTS.get(stream);
        return urlMatching(QUERY.replace(".", "\\.") + "(All)?(\\?q=.*FROM\\+" + object + "\\+.*|/01g" + object + "-.*)");
    }

    @Override
    protected ResponseDefinitionBuilder revoked() {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
    }

    @Override
    protected ResponseDefinitionBuilder rateLimited() {
        return aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
    }

    @Override
    protected Map<String, Set<String>> stubEveryStream() {
        Map<String, Set<String>> served = new LinkedHashMap<>();
        int n = 100;
        for (String stream : catalogStreams()) {
            String object = OBJECTS.get(stream);
            Set<String> ids = new LinkedHashSet<>();
            String next = QUERY + "/01g" + object + "-2000";
            wm.stubFor(get(urlPathEqualTo(pathOf(object))).withQueryParam("q", equalTo("SELECT FIELDS(STANDARD) FROM " + object
                    + " ORDER BY SystemModstamp ASC")).withHeader("Authorization", equalTo("Bearer sf-access"))
                    .willReturn(okJson(page(object, ids, n, 3, next))));
            wm.stubFor(get(urlPathEqualTo(next)).withHeader("Authorization", equalTo("Bearer sf-access"))
                    .willReturn(okJson(page(object, ids, n + 3, 2, null))));
            served.put(stream, ids);
            n += 100;
        }
        return served;
    }

    private static String page(String object, Set<String> ids, int first, int count, String next) {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String id = "001" + object.charAt(0) + (first + i);
            ids.add(id);
            records.append(i == 0 ? "" : ",").append(record(object, id, "2026-11-0" + (1 + i) + "T09:00:0" + i + ".000+0000"));
        }
        return "{\"totalSize\":5,\"done\":" + (next == null) + (next == null ? "" : ",\"nextRecordsUrl\":\"" + next + "\"")
                + ",\"records\":[" + records + "]}";
    }

    private static String record(String object, String id, String modstamp) {
        return "{\"attributes\":{\"type\":\"" + object + "\",\"url\":\"/services/data/v61.0/sobjects/" + object + "/" + id
                + "\"},\"Id\":\"" + id + "\",\"Name\":\"" + object + " " + id + "\",\"SystemModstamp\":\"" + modstamp + "\"}";
    }

    /** A record of an object with {@code IsDeleted}, as {@code FIELDS(STANDARD)} on {@code queryAll} answers it. */
    private static String record(String object, String id, String modstamp, boolean deleted) {
        return record(object, id, modstamp).replace("\"SystemModstamp\"", "\"IsDeleted\":" + deleted + ",\"SystemModstamp\"");
    }

    @Test
    void an_incremental_run_queries_from_the_stored_system_modstamp_and_writes_only_those() {
        ConnectionId id = connect();
        stubEveryStream();
        harness.run();
        assertThat(harness.cursor("accounts")).contains("2026-11-03T09:00:02.000+0000");

        wm.stubFor(get(urlPathEqualTo(QUERY_ALL)).atPriority(1).withQueryParam("q", equalTo(
                "SELECT FIELDS(STANDARD) FROM Account WHERE SystemModstamp >= 2026-11-03T09:00:02Z ORDER BY SystemModstamp ASC"))
                .willReturn(okJson("{\"totalSize\":1,\"done\":true,\"records\":["
                        + record("Account", "001A900", "2026-11-20T10:00:00.000+0000") + "]}")));
        wm.stubFor(get(urlPathMatching(QUERY.replace(".", "\\.") + "(All)?")).atPriority(3).withQueryParam("q", containing(" WHERE SystemModstamp >= "))
                .willReturn(okJson("{\"totalSize\":0,\"done\":true,\"records\":[]}"))); // nothing else changed
        SyncRun second = harness.run();
        assertThat(second.streamsFailed()).isZero();
        assertThat(second.recordsWritten()).isEqualTo(1);
        assertThat(harness.records(id, "accounts")).hasSize(6).containsKey("001A900");
        assertThat(harness.cursor("contacts")).as("an empty pass keeps the cursor").contains("2026-11-03T09:00:02.000+0000");
        assertThat(harness.cursor("accounts")).contains("2026-11-20T10:00:00.000+0000");
        wm.verify(1, getRequestedFor(urlPathEqualTo(QUERY_ALL)).withQueryParam("q", containing("FROM Account WHERE")));
    }

    /**
     * {@code queryAll} answers soft-deleted records too, with {@code IsDeleted: true} (REST API "Execute a
     * SOQL Query that Includes Deleted Items"): such a record is a delete at its {@code SystemModstamp},
     * never written; the live records are written as before, and the cursor moves past both.
     */
    @Test
    void a_record_query_all_answers_as_deleted_is_a_delete_at_its_system_modstamp_and_live_ones_are_written() {
        StreamHarness streams = new StreamHarness(new Salesforce(), testSettings(env()));
        Credentials credentials = new Credentials(Map.of(Credentials.ACCESS_TOKEN, "sf-access",
                CredentialKeys.API_BASE_URL, base(), CredentialKeys.INSTANCE_URL, base()), null);
        wm.stubFor(get(urlPathEqualTo(QUERY_ALL)).withHeader("Authorization", equalTo("Bearer sf-access"))
                .withQueryParam("q", equalTo("SELECT FIELDS(STANDARD) FROM Account ORDER BY SystemModstamp ASC"))
                .willReturn(okJson("{\"totalSize\":2,\"done\":true,\"records\":["
                        + record("Account", "001A1", "2026-11-01T09:00:00.000+0000", false) + ","
                        + record("Account", "001A2", "2026-11-04T08:30:00.000+0000", true) + "]}")));

        PullResult accounts = streams.pull("accounts", credentials, null);

        assertThat(accounts.outcome().isFailure()).isFalse();
        assertThat(streams.stored("accounts")).as("the live account only").containsOnlyKeys("001A1");
        assertThat(streams.deleted).containsExactly("accounts/001A2");
        assertThat(streams.deletedAt).containsEntry("accounts/001A2", Instant.parse("2026-11-04T08:30:00Z"));
        assertThat(accounts.nextCursor()).isEqualTo("2026-11-04T08:30:00.000+0000");

        // the next pass asks queryAll for what changed since, deletes included
        wm.stubFor(get(urlPathEqualTo(QUERY_ALL)).withQueryParam("q", equalTo("SELECT FIELDS(STANDARD) FROM Account"
                        + " WHERE SystemModstamp >= 2026-11-04T08:30:00Z ORDER BY SystemModstamp ASC"))
                .willReturn(okJson("{\"totalSize\":1,\"done\":true,\"records\":["
                        + record("Account", "001A1", "2026-11-06T10:15:00.000+0000", true) + "]}")));
        streams.pull("accounts", credentials, accounts.nextCursor());
        assertThat(streams.deleted).containsExactly("accounts/001A2", "accounts/001A1");
        assertThat(streams.deletedAt).containsEntry("accounts/001A1", Instant.parse("2026-11-06T10:15:00Z"));
    }

    /** User has no {@code IsDeleted} (users are deactivated, not deleted): it stays on {@code /query}. */
    @Test
    void users_are_queried_on_query_and_never_deleted_by_a_signal() {
        StreamHarness streams = new StreamHarness(new Salesforce(), testSettings(env()));
        Credentials credentials = new Credentials(Map.of(Credentials.ACCESS_TOKEN, "sf-access",
                CredentialKeys.API_BASE_URL, base()), null);
        wm.stubFor(get(urlPathEqualTo(QUERY)).withQueryParam("q", equalTo("SELECT FIELDS(STANDARD) FROM User ORDER BY SystemModstamp ASC"))
                .willReturn(okJson("{\"totalSize\":1,\"done\":true,\"records\":["
                        + record("User", "005U1", "2026-11-01T09:00:00.000+0000") + "]}")));
        assertThat(streams.pull("users", credentials, null).outcome().isFailure()).isFalse();
        assertThat(streams.stored("users")).containsOnlyKeys("005U1");
        assertThat(streams.deleted).isEmpty();
    }

    @Test
    void an_expired_session_is_refreshed_once_stored_and_the_stream_pulled_again_with_the_new_token() {
        ConnectionId id = connect();
        stubEveryStream();
        wm.stubFor(get(urlMatching(QUERY.replace(".", "\\.") + ".*")).atPriority(1).withHeader("Authorization",
                equalTo("Bearer sf-access")).willReturn(revoked()));
        wm.stubFor(post(urlPathEqualTo("/services/oauth2/token")).withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=sf-refresh"))
                .willReturn(okJson(token("sf-access-2", null))));
        for (String stream : catalogStreams()) {
            wm.stubFor(get(urlMatching(QUERY.replace(".", "\\.") + ".*")).atPriority(2)
                    .withHeader("Authorization", equalTo("Bearer sf-access-2"))
                    .willReturn(okJson("{\"totalSize\":1,\"done\":true,\"records\":["
                            + record(OBJECTS.get(stream), "x-" + stream, "2026-11-20T10:00:00.000+0000") + "]}")));
        }
        SyncRun run = harness.run();
        assertThat(run.status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(run.streamsFailed()).isZero();
        Credentials stored = harness.ports.storage.vault.load(harness.admin.workspaceId(), id).orElseThrow();
        assertThat(stored.get(Credentials.ACCESS_TOKEN)).contains("sf-access-2");
        assertThat(stored.get(Credentials.REFRESH_TOKEN)).as("no rotation: the refresh token is kept").contains("sf-refresh");
        assertThat(stored.get("instance_url")).contains(base());
        wm.verify(1, postRequestedFor(urlPathEqualTo("/services/oauth2/token")).withRequestBody(containing("grant_type=refresh_token")));
    }

    @Test
    void an_expired_session_whose_refresh_is_refused_needs_reauthorization() {
        ConnectionId id = connect();
        wm.stubFor(get(urlMatching(QUERY.replace(".", "\\.") + ".*")).atPriority(1).willReturn(revoked()));
        wm.stubFor(post(urlPathEqualTo("/services/oauth2/token")).atPriority(1).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}")));
        SyncRun run = harness.run();
        assertThat(run.errorReason()).isEqualTo(ErrorReason.AUTH);
        assertThat(harness.view(id).health().health()).isEqualTo(Health.NEEDS_REAUTH);
    }
}
