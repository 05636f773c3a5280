package com.amdahl.connections.adapter.providers.connectors.twitter;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.StreamHarness;
import com.amdahl.connections.adapter.providers.WireMockSupport;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunResult;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** X's streams against stubs in the API v2 shapes: {@code data}, {@code meta.next_token}, {@code since_id}, {@code x-rate-limit-reset}. */
class TwitterStreamsIT extends WireMockSupport {
    private static final String APP_TOKEN = "AAAA-SECRET";
    private static final Credentials TRACKED = Credentials.trackedAccount("2244994945", "XDevelopers");
    private static final String USER = "/2/users/2244994945";
    private StreamHarness harness;

    @BeforeEach
    void harness() {
        harness = new StreamHarness(new Twitter(), testSettings(Map.of("CONNECTIONS_TWITTER_API_BASE_URL", base(),
                "CONNECTIONS_TWITTER_BEARER_TOKEN", APP_TOKEN)));
    }

    private static MappingBuilder api(String path) {
        return get(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + APP_TOKEN));
    }

    static String tweets(String nextToken, String... ids) {
        StringBuilder data = new StringBuilder();
        for (String id : ids) {
            data.append(data.length() == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"text\":\"t").append(id)
                    .append("\",\"created_at\":\"2026-11-01T00:00:00.000Z\"}");
        }
        return "{\"data\":[" + data + "],\"meta\":{\"result_count\":" + ids.length + ",\"newest_id\":\"" + ids[0] + "\""
                + (nextToken == null ? "" : ",\"next_token\":\"" + nextToken + "\"") + "}}";
    }

    private void timeline(String path, String firstIds, String secondIds) {
        wm.stubFor(api(USER + "/" + path).withQueryParam("pagination_token", absent()).withQueryParam("since_id", absent())
                .withQueryParam("max_results", equalTo("100")).willReturn(okJson(tweets("7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i",
                        firstIds.split(",")))));
        wm.stubFor(api(USER + "/" + path).withQueryParam("pagination_token", equalTo("7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i"))
                .willReturn(okJson(tweets(null, secondIds.split(",")))));
    }

    private void account() {
        wm.stubFor(api(USER).willReturn(okJson("{\"data\":{\"id\":\"2244994945\",\"name\":\"Developers\",\"username\":\"XDevelopers\","
                + "\"public_metrics\":{\"followers_count\":580000}}}")));
        timeline("tweets", "1860000000000000003,1860000000000000002", "1860000000000000001");
        timeline("mentions", "1860000000000000013", "1860000000000000011");
    }

    @Test
    void a_first_run_pulls_profile_posts_and_mentions_with_the_app_token() {
        account();
        RunResult first = harness.run(TRACKED);
        assertThat(first.failed()).isFalse();
        assertThat(first.streamsTotal()).isEqualTo(3);
        assertThat(first.streamsFailed()).isZero();
        assertThat(first.recordsWritten()).isEqualTo(1 + 3 + 2);
        assertThat(harness.cursors).containsEntry("posts", "1860000000000000003").containsEntry("mentions", "1860000000000000013")
                .doesNotContainKey("profile");
        int rows = harness.written.size();
        assertThat(harness.run(TRACKED, true).failed()).isFalse();
        assertThat(harness.written).as("a second full pass upserts, never duplicates").hasSize(rows);
    }

    @Test
    void a_second_run_sends_since_id_and_writes_only_newer_posts() {
        account();
        harness.run(TRACKED);
        harness.written.clear();
        wm.stubFor(api(USER + "/tweets").withQueryParam("since_id", equalTo("1860000000000000003"))
                .willReturn(okJson(tweets(null, "1860000000000000004"))));
        wm.stubFor(api(USER + "/mentions").withQueryParam("since_id", equalTo("1860000000000000013"))
                .willReturn(okJson("{\"meta\":{\"result_count\":0}}")));
        RunResult second = harness.run(TRACKED);
        assertThat(second.failed()).isFalse();
        assertThat(harness.stored("posts")).containsOnlyKeys("1860000000000000004");
        assertThat(harness.stored("mentions")).isEmpty();
        assertThat(harness.cursors).containsEntry("posts", "1860000000000000004").containsEntry("mentions", "1860000000000000013");
    }

    @Test
    void a_rate_limit_waits_until_the_reset_and_one_failing_stream_degrades_the_run() {
        account();
        long reset = Instant.now().getEpochSecond() + 600;
        wm.stubFor(api(USER + "/mentions").willReturn(aResponse().withStatus(429).withHeader("x-rate-limit-reset", String.valueOf(reset))
                .withBody("{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}")));
        RunResult degraded = harness.run(TRACKED);
        assertThat(degraded.failed()).isFalse();
        assertThat(degraded.streamsFailed()).isEqualTo(1);
        assertThat(degraded.errorMessage()).contains("mentions: X answered HTTP 429").doesNotContain(APP_TOKEN);
        assertThat(harness.sleeps).as("a reset 10 minutes away is longer than a run may block").isEmpty();
        assertThat(harness.pull("mentions", TRACKED, null).outcome().failure()).isEqualTo(ErrorReason.RATE_LIMIT);
        assertThat(harness.pull("posts", null, null).outcome().failure()).as("no tracked account").isEqualTo(ErrorReason.UNKNOWN);
    }
}
