package com.amdahl.connections.adapter.providers.connectors.gmail;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.StreamHarness;
import com.amdahl.connections.adapter.providers.WireMockSupport;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunResult;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gmail's streams against stubs in the Gmail API v1 shapes: list + get, history, {@code nextPageToken}, Google error bodies. */
class GmailStreamsIT extends WireMockSupport {
    private static final String TOKEN = "ya29.SECRET";
    private static final Credentials CREDENTIALS = new Credentials(Map.of(Credentials.ACCESS_TOKEN, TOKEN), null);
    private static final String ME = "/gmail/v1/users/me";
    private StreamHarness harness;

    @BeforeEach
    void harness() {
        harness = new StreamHarness(new Gmail(), testSettings(Map.of("CONNECTIONS_GMAIL_API_BASE_URL", base())));
    }

    private static MappingBuilder api(String path) {
        return get(urlPathEqualTo(ME + path)).withHeader("Authorization", equalTo("Bearer " + TOKEN));
    }

    static String googleError(int code, String reason) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + reason + "\",\"errors\":[{\"domain\":\"usageLimits\",\"reason\":\""
                + reason + "\",\"message\":\"" + reason + "\"}],\"status\":\"PERMISSION_DENIED\"}}";
    }

    private void message(String id, String historyId) {
        wm.stubFor(api("/messages/" + id).withQueryParam("format", equalTo("metadata")).willReturn(okJson(
                "{\"id\":\"" + id + "\",\"threadId\":\"t" + id + "\",\"labelIds\":[\"INBOX\"],\"snippet\":\"hello\",\"historyId\":\""
                        + historyId + "\",\"internalDate\":\"1764000000000\",\"payload\":{\"headers\":[{\"name\":\"Subject\",\"value\":\"Hi\"}]}}")));
    }

    private void mailbox() {
        wm.stubFor(api("/profile").willReturn(okJson(
                "{\"emailAddress\":\"ada@acme.com\",\"messagesTotal\":3,\"threadsTotal\":2,\"historyId\":\"9000\"}")));
        wm.stubFor(api("/messages").withQueryParam("pageToken", absent()).withQueryParam("maxResults", equalTo("500"))
                .willReturn(okJson("{\"messages\":[{\"id\":\"m3\",\"threadId\":\"tm3\"},{\"id\":\"m2\",\"threadId\":\"tm2\"}],"
                        + "\"nextPageToken\":\"p2\",\"resultSizeEstimate\":4}")));
        wm.stubFor(api("/messages").withQueryParam("pageToken", equalTo("p2"))
                .willReturn(okJson("{\"messages\":[{\"id\":\"m1\",\"threadId\":\"tm1\"},{\"id\":\"m0\",\"threadId\":\"tm0\"}],\"resultSizeEstimate\":4}")));
        message("m3", "8990");
        message("m2", "8980");
        message("m1", "8970");
        wm.stubFor(api("/messages/m0").willReturn(aResponse().withStatus(404).withBody(googleError(404, "notFound"))));
        wm.stubFor(api("/threads").withQueryParam("pageToken", absent())
                .willReturn(okJson("{\"threads\":[{\"id\":\"tm3\",\"snippet\":\"a\",\"historyId\":\"8990\"}],\"nextPageToken\":\"q2\"}")));
        wm.stubFor(api("/threads").withQueryParam("pageToken", equalTo("q2"))
                .willReturn(okJson("{\"threads\":[{\"id\":\"tm2\",\"snippet\":\"b\",\"historyId\":\"8980\"}]}")));
        wm.stubFor(api("/labels").willReturn(okJson(
                "{\"labels\":[{\"id\":\"INBOX\",\"name\":\"INBOX\",\"type\":\"system\"},{\"id\":\"Label_1\",\"name\":\"Deals\",\"type\":\"user\"}]}")));
    }

    @Test
    void a_first_run_lists_and_gets_every_message_and_keeps_the_mailbox_history_id() {
        mailbox();
        RunResult first = harness.run(CREDENTIALS);
        assertThat(first.failed()).isFalse();
        assertThat(first.streamsTotal()).isEqualTo(3);
        assertThat(first.streamsFailed()).isZero();
        assertThat(first.recordsWritten()).isEqualTo(3 + 2 + 2); // m0 vanished between list and get
        assertThat(harness.stored("messages")).containsOnlyKeys("m1", "m2", "m3");
        assertThat(harness.cursors.get("messages")).isEqualTo("9000");

        int rows = harness.written.size();
        assertThat(harness.run(CREDENTIALS, true).failed()).isFalse();
        assertThat(harness.written).as("a second full pass upserts, never duplicates").hasSize(rows);
    }

    @Test
    void a_second_run_reads_history_from_the_stored_id_and_gets_only_what_changed() {
        mailbox();
        harness.run(CREDENTIALS);
        harness.written.clear();
        wm.resetRequests();
        wm.stubFor(api("/history").withQueryParam("startHistoryId", equalTo("9000")).withQueryParam("pageToken", absent())
                .willReturn(okJson("{\"history\":[{\"id\":\"9001\",\"messages\":[{\"id\":\"m4\"}],\"messagesAdded\":[{\"message\":"
                        + "{\"id\":\"m4\",\"threadId\":\"tm4\",\"labelIds\":[\"INBOX\"]}}]}],\"nextPageToken\":\"h2\",\"historyId\":\"9003\"}")));
        wm.stubFor(api("/history").withQueryParam("pageToken", equalTo("h2"))
                .willReturn(okJson("{\"history\":[{\"id\":\"9004\",\"labelsAdded\":[{\"message\":{\"id\":\"m2\"},\"labelIds\":[\"STARRED\"]}]},"
                        + "{\"id\":\"9005\",\"messagesDeleted\":[{\"message\":{\"id\":\"m3\",\"threadId\":\"tm3\"}}]}],"
                        + "\"historyId\":\"9005\"}")));
        message("m4", "9001");
        RunResult second = harness.run(CREDENTIALS);
        assertThat(second.failed()).isFalse();
        assertThat(harness.stored("messages")).containsOnlyKeys("m4", "m2");
        assertThat(harness.deleted).as("messagesDeleted marks the message deleted").containsExactly("messages/m3");
        wm.verify(0, getRequestedFor(urlPathEqualTo(ME + "/messages/m3")));
        assertThat(harness.cursors.get("messages")).isEqualTo("9005");
        wm.verify(0, getRequestedFor(urlPathEqualTo(ME + "/messages")));
    }

    @Test
    void an_expired_history_id_falls_back_to_a_full_pass() {
        mailbox();
        harness.cursors.put("messages", "12");
        wm.stubFor(api("/history").willReturn(aResponse().withStatus(404).withBody(googleError(404, "notFound"))));
        RunResult run = harness.run(CREDENTIALS);
        assertThat(run.streamsFailed()).isZero();
        assertThat(harness.stored("messages")).containsOnlyKeys("m1", "m2", "m3");
        assertThat(harness.cursors.get("messages")).isEqualTo("9000");
    }

    @Test
    void google_403_rate_limits_are_rate_limits_and_one_failing_stream_degrades_the_run() {
        mailbox();
        wm.stubFor(get(urlPathMatching(ME + "/.*")).willReturn(aResponse().withStatus(403).withBody(googleError(403, "rateLimitExceeded"))));
        RunResult limited = harness.run(CREDENTIALS);
        assertThat(limited.failed()).isTrue();
        assertThat(limited.errorReason()).as("health rate_limited").isEqualTo(ErrorReason.RATE_LIMIT);

        wm.resetAll();
        mailbox();
        wm.stubFor(api("/labels").willReturn(aResponse().withStatus(403).withBody(googleError(403, "userRateLimitExceeded"))));
        RunResult degraded = harness.run(CREDENTIALS);
        assertThat(degraded.failed()).isFalse();
        assertThat(degraded.streamsFailed()).isEqualTo(1);
        assertThat(degraded.errorMessage()).contains("labels: Gmail answered HTTP 403").doesNotContain(TOKEN);
    }
}
