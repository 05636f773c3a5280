package com.amdahl.connections.adapter.providers.connectors.gong;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.ConnectorSyncContract;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Gong's calls, transcripts (child of calls, by batches of call ids) and users through whole sync
 * runs; the grant's {@code api_base_url_for_customer} is the stub, pages follow {@code records.cursor}.
 */
class GongSyncIT extends ConnectorSyncContract {

    @Override
    protected String type() {
        return "gong";
    }

    @Override
    protected Map<String, String> env() {
        return Map.of("CONNECTIONS_GONG_CLIENT_ID", "gong-client", "CONNECTIONS_GONG_CLIENT_SECRET", "gong-SECRET",
                "CONNECTIONS_GONG_AUTHORIZE_URL", base() + "/oauth2/authorize",
                "CONNECTIONS_GONG_TOKEN_URL", base() + "/oauth2/generate-customer-token");
    }

    @Override
    protected ConnectionId connect() {
        wm.stubFor(post(urlPathEqualTo("/oauth2/generate-customer-token")).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson(token("g-access", "g-refresh-1", 86_400 * 30))));
        wm.stubFor(get(urlPathEqualTo("/v2/users")).atPriority(9).withHeader("Authorization", equalTo("Bearer g-access"))
                .willReturn(okJson("{\"requestId\":\"r\",\"records\":{\"totalRecords\":0,\"currentPageSize\":0},\"users\":[]}")));
        return harness.connectOAuth("gong", "g-code");
    }

    private static String token(String access, String refresh, int expiresIn) {
        return "{\"access_token\":\"" + access + "\",\"refresh_token\":\"" + refresh + "\",\"scope\":\"api:calls:read:basic\","
                + "\"token_type\":\"bearer\",\"expires_in\":" + expiresIn + ",\"api_base_url_for_customer\":\"" + base() + "\"}";
    }

    @Override
    protected UrlPattern requestsOf(String stream) {
        return urlPathEqualTo(stream.equals("transcripts") ? "/v2/calls/transcript" : "/v2/" + stream);
    }

    @Override
    protected String malformedStream() {
        return "transcripts"; // calls are the transcripts' parent: breaking them would fail both
    }

    @Override
    protected Map<String, Set<String>> stubEveryStream() {
        Map<String, Set<String>> served = new LinkedHashMap<>();
        Set<String> calls = new LinkedHashSet<>();
        wm.stubFor(get(urlPathEqualTo("/v2/calls")).withQueryParam("cursor", absent())
                .willReturn(okJson(page("calls", calls, List.of("7001", "7002", "7003"), "c2", GongSyncIT::call))));
        wm.stubFor(get(urlPathEqualTo("/v2/calls")).withQueryParam("cursor", equalTo("c2"))
                .willReturn(okJson(page("calls", calls, List.of("7004", "7005"), null, GongSyncIT::call))));
        served.put("calls", calls);

        Set<String> transcripts = new LinkedHashSet<>();
        String filter = "{\"filter\":{\"callIds\":[\"7001\",\"7002\",\"7003\",\"7004\",\"7005\"]}";
        wm.stubFor(post(urlPathEqualTo("/v2/calls/transcript")).withRequestBody(equalToJson(filter + "}"))
                .willReturn(okJson(page("callTranscripts", transcripts, List.of("7001", "7002", "7003"), "t2", GongSyncIT::transcript))));
        wm.stubFor(post(urlPathEqualTo("/v2/calls/transcript")).withRequestBody(equalToJson(filter + ",\"cursor\":\"t2\"}"))
                .willReturn(okJson(page("callTranscripts", transcripts, List.of("7004", "7005"), null, GongSyncIT::transcript))));
        served.put("transcripts", transcripts);

        Set<String> users = new LinkedHashSet<>();
        wm.stubFor(get(urlPathEqualTo("/v2/users")).withQueryParam("cursor", absent())
                .willReturn(okJson(page("users", users, List.of("u1", "u2"), "u2", GongSyncIT::user))));
        wm.stubFor(get(urlPathEqualTo("/v2/users")).withQueryParam("cursor", equalTo("u2"))
                .willReturn(okJson(page("users", users, List.of("u3"), null, GongSyncIT::user))));
        served.put("users", users);
        return served;
    }

    private static String page(String array, Set<String> served, List<String> ids, String cursor,
            java.util.function.Function<String, String> item) {
        served.addAll(ids);
        return "{\"requestId\":\"4ubcyx5e25wtaxytgv7\",\"records\":{\"totalRecords\":5,\"currentPageSize\":" + ids.size()
                + ",\"currentPageNumber\":0" + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "},\"" + array + "\":["
                + String.join(",", ids.stream().map(item).toList()) + "]}";
    }

    private static String call(String id) {
        return "{\"id\":\"" + id + "\",\"url\":\"https://app.gong.io/call?id=" + id + "\",\"title\":\"Call " + id
                + "\",\"started\":\"2026-11-0" + id.charAt(3) + "T10:00:00-07:00\",\"duration\":1800,\"direction\":\"Conference\"}";
    }

    private static String transcript(String callId) {
        return "{\"callId\":\"" + callId + "\",\"transcript\":[{\"speakerId\":\"s1\",\"topic\":null,"
                + "\"sentences\":[{\"start\":0,\"end\":1200,\"text\":\"Hello\"}]}]}";
    }

    private static String user(String id) {
        return "{\"id\":\"" + id + "\",\"emailAddress\":\"" + id + "@acme.com\",\"active\":true}";
    }

    @Test
    void transcripts_carry_their_parent_call_id() {
        ConnectionId id = connect();
        stubEveryStream();
        assertThat(harness.run().status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(harness.records(id, "transcripts").get("7003")).contains("\"callId\":\"7003\"");
        assertThat(harness.cursor("calls")).contains("2026-11-05T10:00:00-07:00");
        assertThat(harness.cursor("transcripts")).as("the transcripts follow their calls").contains("2026-11-05T10:00:00-07:00");
    }

    @Test
    void an_incremental_run_asks_for_calls_from_the_cursor_and_only_their_transcripts() {
        ConnectionId id = connect();
        stubEveryStream();
        harness.run();
        String since = harness.cursor("calls").orElseThrow();
        wm.stubFor(get(urlPathEqualTo("/v2/calls")).atPriority(1).withQueryParam("fromDateTime", equalTo(since))
                .willReturn(okJson(page("calls", new LinkedHashSet<>(), List.of("7005", "7009"), null, GongSyncIT::call))));
        wm.stubFor(post(urlPathEqualTo("/v2/calls/transcript")).atPriority(1)
                .withRequestBody(equalToJson("{\"filter\":{\"callIds\":[\"7005\",\"7009\"]}}"))
                .willReturn(okJson(page("callTranscripts", new LinkedHashSet<>(), List.of("7005", "7009"), null,
                        GongSyncIT::transcript))));
        SyncRun second = harness.run();
        assertThat(second.streamsFailed()).isZero();
        assertThat(second.recordsWritten()).isEqualTo(2 + 2 + 3);
        assertThat(harness.records(id, "calls")).hasSize(6).containsKey("7009");
        assertThat(harness.records(id, "transcripts")).hasSize(6).containsKey("7009");
        assertThat(harness.cursor("calls")).contains("2026-11-09T10:00:00-07:00");
        wm.verify(2, getRequestedFor(urlPathEqualTo("/v2/calls")).withQueryParam("fromDateTime", equalTo(since)));
    }

    @Test
    void an_expiring_token_is_refreshed_with_basic_client_auth_and_each_rotation_stored_before_use() {
        wm.stubFor(post(urlPathEqualTo("/oauth2/generate-customer-token")).atPriority(1)
                .withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson(token("g-access", "g-refresh-1", 3600))));
        ConnectionId id = connect();
        stubEveryStream();
        wm.stubFor(post(urlPathEqualTo("/oauth2/generate-customer-token")).withRequestBody(containing("refresh_token=g-refresh-1"))
                .willReturn(okJson(token("g-access-2", "g-refresh-2", 3600))));
        wm.stubFor(post(urlPathEqualTo("/oauth2/generate-customer-token")).withRequestBody(containing("refresh_token=g-refresh-2"))
                .willReturn(okJson(token("g-access-3", "g-refresh-3", 3600))));
        assertThat(harness.run().streamsFailed()).isZero();
        assertThat(harness.run().streamsFailed()).isZero();
        Credentials stored = harness.ports.storage.vault.load(harness.admin.workspaceId(), id).orElseThrow();
        assertThat(stored.get(Credentials.REFRESH_TOKEN)).contains("g-refresh-3");
        assertThat(stored.get("api_base_url")).contains(base());
        wm.verify(postRequestedFor(urlPathEqualTo("/oauth2/generate-customer-token"))
                .withRequestBody(containing("refresh_token=g-refresh-2"))
                .withHeader("Authorization", equalTo("Basic Z29uZy1jbGllbnQ6Z29uZy1TRUNSRVQ=")));
        wm.verify(getRequestedFor(urlPathEqualTo("/v2/calls")).withHeader("Authorization", equalTo("Bearer g-access-3")));
    }

    @Test
    void a_revoked_refresh_token_needs_reauthorization() {
        wm.stubFor(post(urlPathEqualTo("/oauth2/generate-customer-token")).atPriority(1)
                .withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson(token("g-access", "g-refresh-1", 3600))));
        ConnectionId id = connect();
        wm.stubFor(post(urlPathEqualTo("/oauth2/generate-customer-token")).withRequestBody(containing("refresh_token=g-refresh-1"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token\"}")));
        SyncRun run = harness.run();
        assertThat(run.errorReason()).isEqualTo(com.amdahl.connections.domain.sync.ErrorReason.AUTH);
        assertThat(harness.view(id).health().health()).isEqualTo(com.amdahl.connections.domain.health.Health.NEEDS_REAUTH);
    }
}
