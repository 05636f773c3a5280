package com.amdahl.connections.adapter.providers.connectors.notion;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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

/** Notion's streams against stubs in the API shapes: search, block children, users; {@code next_cursor}/{@code has_more}. */
class NotionStreamsIT extends WireMockSupport {
    private static final String TOKEN = "ntn_SECRET";
    private static final Credentials CREDENTIALS = new Credentials(Map.of(Credentials.ACCESS_TOKEN, TOKEN), null);
    private StreamHarness harness;

    @BeforeEach
    void harness() {
        harness = new StreamHarness(Notion.inbound(), testSettings(Map.of("CONNECTIONS_NOTION_API_BASE_URL", base())));
    }

    static String list(String next, String... results) {
        return "{\"object\":\"list\",\"results\":[" + String.join(",", results) + "],\"next_cursor\":"
                + (next == null ? "null" : "\"" + next + "\"") + ",\"has_more\":" + (next != null) + "}";
    }

    static String object(String kind, String id, String edited) {
        return "{\"object\":\"" + kind + "\",\"id\":\"" + id + "\",\"last_edited_time\":\"" + edited + "\"}";
    }

    private static MappingBuilder search(String object) {
        return post(urlPathEqualTo("/v1/search")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Notion-Version", equalTo("2022-06-28"))
                .withRequestBody(matchingJsonPath("$.filter.value", equalTo(object)))
                .withRequestBody(matchingJsonPath("$.sort.direction", equalTo("descending")));
    }

    /** Any page; a later {@link #after} stub wins for its cursor (WireMock prefers the newest match). */
    private static MappingBuilder firstPage(MappingBuilder request) {
        return request;
    }

    private static MappingBuilder after(MappingBuilder request, String cursor) {
        return request.withRequestBody(matchingJsonPath("$.start_cursor", equalTo(cursor)));
    }

    private void workspace() {
        wm.stubFor(firstPage(search("page")).willReturn(okJson(list("p-c2",
                object("page", "p3", "2026-11-03T10:00:00.000Z"), object("page", "p2", "2026-11-02T10:00:00.000Z")))));
        wm.stubFor(after(search("page"), "p-c2").willReturn(okJson(list(null, object("page", "p1", "2026-11-01T10:00:00.000Z")))));
        wm.stubFor(firstPage(search("database")).willReturn(okJson(list("d-c2", object("database", "d2", "2026-10-02T00:00:00.000Z")))));
        wm.stubFor(after(search("database"), "d-c2").willReturn(okJson(list(null, object("database", "d1", "2026-10-01T00:00:00.000Z")))));
        for (String page : new String[] {"p1", "p3"}) {
            wm.stubFor(get(urlPathEqualTo("/v1/blocks/" + page + "/children")).withQueryParam("start_cursor", absent())
                    .willReturn(okJson(list("b", object("block", page + "-b1", "2026-11-01T00:00:00.000Z")))));
            wm.stubFor(get(urlPathEqualTo("/v1/blocks/" + page + "/children")).withQueryParam("start_cursor", equalTo("b"))
                    .willReturn(okJson(list(null, object("block", page + "-b2", "2026-11-01T00:00:00.000Z")))));
        }
        wm.stubFor(get(urlPathEqualTo("/v1/blocks/p2/children")).willReturn(aResponse().withStatus(404).withBody(
                "{\"object\":\"error\",\"status\":404,\"code\":\"object_not_found\",\"message\":\"Could not find block\"}")));
        wm.stubFor(get(urlPathEqualTo("/v1/users")).withQueryParam("start_cursor", absent()).withQueryParam("page_size", equalTo("100"))
                .willReturn(okJson(list("u", "{\"object\":\"user\",\"id\":\"u1\",\"type\":\"person\"}"))));
        wm.stubFor(get(urlPathEqualTo("/v1/users")).withQueryParam("start_cursor", equalTo("u"))
                .willReturn(okJson(list(null, "{\"object\":\"user\",\"id\":\"u2\",\"type\":\"bot\"}"))));
    }

    @Test
    void the_knowledge_sync_mirror_has_no_streams() {
        assertThat(Notion.knowledgeSync().streams()).isEmpty();
        assertThat(Notion.inbound().streams()).extracting(s -> s.name()).containsExactly("pages", "databases", "blocks", "users");
    }

    @Test
    void a_first_run_pulls_every_stream_over_every_page_and_skips_a_page_that_vanished() {
        workspace();
        RunResult first = harness.run(CREDENTIALS);
        assertThat(first.failed()).isFalse();
        assertThat(first.streamsTotal()).isEqualTo(4);
        assertThat(first.streamsFailed()).isZero();
        assertThat(first.recordsWritten()).isEqualTo(3 + 2 + 4 + 2);
        assertThat(harness.stored("blocks")).containsOnlyKeys("p1-b1", "p1-b2", "p3-b1", "p3-b2");
        assertThat(harness.cursors).containsEntry("pages", "2026-11-03T10:00:00.000Z")
                .containsEntry("blocks", "2026-11-03T10:00:00.000Z").containsEntry("databases", "2026-10-02T00:00:00.000Z");

        int rows = harness.written.size();
        assertThat(harness.run(CREDENTIALS, true).failed()).isFalse();
        assertThat(harness.written).as("a second full pass upserts, never duplicates").hasSize(rows);
    }

    @Test
    void a_second_run_stops_at_the_cursor_and_reads_blocks_of_changed_pages_only() {
        workspace();
        harness.run(CREDENTIALS);
        harness.written.clear();
        wm.resetRequests();
        wm.stubFor(firstPage(search("page")).willReturn(okJson(list("p-c2",
                object("page", "p1", "2026-11-04T08:00:00.000Z"), object("page", "p3", "2026-11-03T10:00:00.000Z")))));
        wm.stubFor(after(search("page"), "p-c2").willReturn(okJson(list(null, object("page", "p2", "2026-11-02T10:00:00.000Z")))));
        RunResult second = harness.run(CREDENTIALS);
        assertThat(second.failed()).isFalse();
        assertThat(harness.stored("pages")).as("the edited page and the boundary minute").containsOnlyKeys("p1", "p3");
        assertThat(harness.stored("databases")).containsOnlyKeys("d2");
        assertThat(harness.cursors.get("pages")).isEqualTo("2026-11-04T08:00:00.000Z");
        wm.verify(0, getRequestedFor(urlPathEqualTo("/v1/blocks/p2/children")));
    }

    @Test
    void a_rate_limit_an_expired_token_and_one_failing_stream() {
        wm.stubFor(get(urlPathEqualTo("/v1/users")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "300")
                .withBody("{\"object\":\"error\",\"status\":429,\"code\":\"rate_limited\",\"message\":\"slow down\"}")));
        assertThat(harness.pull("users", CREDENTIALS, null).outcome().failure()).isEqualTo(ErrorReason.RATE_LIMIT);
        wm.stubFor(post(urlPathEqualTo("/v1/search")).willReturn(aResponse().withStatus(401)
                .withBody("{\"object\":\"error\",\"status\":401,\"code\":\"unauthorized\",\"message\":\"API token is invalid.\"}")));
        assertThat(harness.pull("pages", CREDENTIALS, null).outcome().failure()).isEqualTo(ErrorReason.AUTH);

        wm.resetAll();
        workspace();
        wm.stubFor(get(urlPathEqualTo("/v1/users")).willReturn(aResponse().withStatus(503)));
        RunResult degraded = harness.run(CREDENTIALS);
        assertThat(degraded.failed()).isFalse();
        assertThat(degraded.streamsFailed()).isEqualTo(1);
        assertThat(harness.cursors).doesNotContainKey("users");
    }
}
