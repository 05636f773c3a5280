package com.amdahl.connections.adapter.providers.connectors.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.StreamHarness;
import com.amdahl.connections.adapter.providers.WireMockSupport;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunResult;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slack's streams against stubs in the Web API shapes: {@code ok}, {@code response_metadata.next_cursor}, {@code ok:false}. */
class SlackStreamsIT extends WireMockSupport {
    private static final String TOKEN = "xoxb-SECRET";
    private static final Credentials CREDENTIALS = new Credentials(Map.of(Credentials.ACCESS_TOKEN, TOKEN), null);
    private StreamHarness harness;

    @BeforeEach
    void harness() {
        harness = new StreamHarness(new Slack(), testSettings(Map.of("CONNECTIONS_SLACK_API_BASE_URL", base())));
    }

    /** An {@code ok:true} page of {@code field}, with a next cursor unless it is the last. */
    static String page(String field, String next, String... items) {
        return "{\"ok\":true,\"" + field + "\":[" + String.join(",", items) + "],\"response_metadata\":{\"next_cursor\":\""
                + (next == null ? "" : next) + "\"}}";
    }

    static String channel(String id, boolean member) {
        return "{\"id\":\"" + id + "\",\"name\":\"ch-" + id + "\",\"is_channel\":true,\"is_member\":" + member + "}";
    }

    static String messages(double... ts) {
        return IntStream.range(0, ts.length).mapToObj(i -> String.format(java.util.Locale.ROOT,
                "{\"type\":\"message\",\"user\":\"U1\",\"text\":\"hi\",\"ts\":\"%.6f\"}", ts[i])).collect(Collectors.joining(","));
    }

    private static MappingBuilder api(String method) {
        return get(urlPathEqualTo("/api/" + method)).withHeader("Authorization", equalTo("Bearer " + TOKEN));
    }

    private void twoPagesOf(String method, String field, String first, String second) {
        wm.stubFor(api(method).withQueryParam("cursor", absent()).willReturn(okJson(page(field, "dXNlcjpVMDYx", first))));
        wm.stubFor(api(method).withQueryParam("cursor", equalTo("dXNlcjpVMDYx")).willReturn(okJson(page(field, null, second))));
    }

    private void workspace() {
        twoPagesOf("conversations.list", "channels", channel("C1", true) + "," + channel("C2", true),
                channel("C3", true) + "," + channel("C9", false));
        twoPagesOf("users.list", "members", "{\"id\":\"U1\",\"name\":\"ada\"}", "{\"id\":\"U2\",\"name\":\"bob\"}");
        wm.stubFor(api("team.info").willReturn(okJson("{\"ok\":true,\"team\":{\"id\":\"T1\",\"name\":\"Acme\",\"domain\":\"acme\"}}")));
        wm.stubFor(api("conversations.history").withQueryParam("channel", equalTo("C1")).withQueryParam("cursor", absent())
                .willReturn(okJson("{\"ok\":true,\"messages\":[" + messages(1700000003, 1700000002) + "],\"has_more\":true,"
                        + "\"response_metadata\":{\"next_cursor\":\"bmV4dA==\"}}")));
        wm.stubFor(api("conversations.history").withQueryParam("channel", equalTo("C1")).withQueryParam("cursor", equalTo("bmV4dA=="))
                .willReturn(okJson("{\"ok\":true,\"messages\":[" + messages(1700000001) + "],\"has_more\":false}")));
        wm.stubFor(api("conversations.history").withQueryParam("channel", equalTo("C2"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"not_in_channel\"}")));
        wm.stubFor(api("conversations.history").withQueryParam("channel", equalTo("C3"))
                .willReturn(okJson("{\"ok\":true,\"messages\":[" + messages(1700000005) + "],\"has_more\":false}")));
    }

    @Test
    void a_first_run_pulls_every_stream_over_every_page_and_skips_channels_it_is_not_in() {
        workspace();
        RunResult first = harness.run(CREDENTIALS);
        assertThat(first.failed()).isFalse();
        assertThat(first.streamsTotal()).isEqualTo(4);
        assertThat(first.streamsFailed()).isZero();
        assertThat(first.recordsWritten()).isEqualTo(4 + 4 + 2 + 1); // channels, messages, users, team
        assertThat(harness.stored("messages")).containsOnlyKeys("C1:1700000003.000000", "C1:1700000002.000000",
                "C1:1700000001.000000", "C3:1700000005.000000");
        assertThat(harness.stored("messages").get("C3:1700000005.000000")).contains("\"channel\":\"C3\"");
        assertThat(harness.cursors.get("messages")).isEqualTo("{\"C1\":\"1700000003.000000\",\"C3\":\"1700000005.000000\"}");
        wm.verify(0, getRequestedFor(urlPathEqualTo("/api/conversations.history")).withQueryParam("channel", equalTo("C9")));

        int rows = harness.written.size();
        RunResult again = harness.run(CREDENTIALS, true);
        assertThat(again.failed()).isFalse();
        assertThat(harness.written).as("a second full pass upserts, never duplicates").hasSize(rows);
    }

    @Test
    void a_second_run_reads_each_channel_from_its_oldest_and_writes_only_new_messages() {
        workspace();
        harness.run(CREDENTIALS);
        harness.written.clear();
        wm.stubFor(api("conversations.history").withQueryParam("channel", equalTo("C1"))
                .withQueryParam("oldest", equalTo("1700000003.000000"))
                .willReturn(okJson("{\"ok\":true,\"messages\":[" + messages(1700000010) + "],\"has_more\":false}")));
        wm.stubFor(api("conversations.history").withQueryParam("channel", equalTo("C3"))
                .withQueryParam("oldest", equalTo("1700000005.000000"))
                .willReturn(okJson("{\"ok\":true,\"messages\":[],\"has_more\":false}")));
        RunResult second = harness.run(CREDENTIALS);
        assertThat(second.failed()).isFalse();
        assertThat(harness.stored("messages")).containsOnlyKeys("C1:1700000010.000000");
        assertThat(harness.cursors.get("messages")).isEqualTo("{\"C1\":\"1700000010.000000\",\"C3\":\"1700000005.000000\"}");
    }

    @Test
    void ratelimited_is_a_rate_limit_and_token_revoked_needs_reauth() {
        wm.stubFor(get(urlPathEqualTo("/api/team.info")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")
                .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
        wm.stubFor(get(urlPathEqualTo("/api/users.list")).willReturn(okJson("{\"ok\":false,\"error\":\"ratelimited\"}")));
        wm.stubFor(get(urlPathEqualTo("/api/conversations.list")).willReturn(okJson("{\"ok\":false,\"error\":\"ratelimited\"}")));
        RunResult limited = harness.run(CREDENTIALS);
        assertThat(limited.failed()).isTrue();
        assertThat(limited.errorReason()).as("health rate_limited").isEqualTo(ErrorReason.RATE_LIMIT);

        wm.resetAll();
        wm.stubFor(get(urlPathEqualTo("/api/team.info")).willReturn(okJson("{\"ok\":false,\"error\":\"token_revoked\"}")));
        wm.stubFor(get(urlPathEqualTo("/api/users.list")).willReturn(okJson("{\"ok\":false,\"error\":\"token_revoked\"}")));
        wm.stubFor(get(urlPathEqualTo("/api/conversations.list")).willReturn(okJson("{\"ok\":false,\"error\":\"token_revoked\"}")));
        RunResult revoked = harness.run(CREDENTIALS);
        assertThat(revoked.errorReason()).as("needs_reauth").isEqualTo(ErrorReason.AUTH);
        assertThat(revoked.errorMessage()).doesNotContain(TOKEN);
    }

    @Test
    void one_stream_failing_leaves_the_run_degraded_and_its_cursor_unchanged() {
        workspace();
        harness.cursors.put("messages", "{\"C1\":\"1600000000.000000\"}");
        wm.stubFor(api("conversations.history").withQueryParam("channel", equalTo("C3"))
                .willReturn(aResponse().withStatus(500).withBody("{\"ok\":false,\"error\":\"fatal_error\"}")));
        RunResult degraded = harness.run(CREDENTIALS);
        assertThat(degraded.failed()).isFalse();
        assertThat(degraded.streamsFailed()).isEqualTo(1);
        assertThat(degraded.errorMessage()).startsWith("1 of 4 streams failed (messages: Slack answered HTTP 500");
        assertThat(harness.cursors.get("messages")).isEqualTo("{\"C1\":\"1600000000.000000\"}");
    }
}
