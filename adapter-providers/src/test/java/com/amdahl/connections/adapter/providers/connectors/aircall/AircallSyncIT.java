package com.amdahl.connections.adapter.providers.connectors.aircall;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.ConnectorSyncContract;
import com.amdahl.connections.adapter.providers.StreamHarness;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Aircall's five streams through whole sync runs, against stubs in the v1 list shapes ({@code meta.next_page_link}). */
class AircallSyncIT extends ConnectorSyncContract {
    private static final String KEY = "a1b2c3:SECRET-token";

    @Override
    protected String type() {
        return "aircall";
    }

    @Override
    protected ConnectionId connect() {
        wm.stubFor(get(urlPathEqualTo("/v1/ping")).willReturn(okJson("{\"ping\":\"pong\"}")));
        return harness.connectApiKey("aircall", KEY);
    }

    @Override
    protected UrlPattern requestsOf(String stream) {
        return urlPathEqualTo("/v1/" + stream);
    }

    @Override
    protected ResponseDefinitionBuilder rateLimited() {
        return aResponse().withStatus(429).withHeader("X-AircallApi-Limit", "60").withHeader("X-AircallApi-Remaining", "0")
                .withHeader("X-AircallApi-Reset", Long.toString(Instant.now().getEpochSecond() + 3600))
                .withBody("{\"error\":\"Too many requests\",\"troubleshoot\":\"Wait for the rate limit to reset\"}");
    }

    @Override
    protected Map<String, Set<String>> stubEveryStream() {
        Map<String, Set<String>> served = new LinkedHashMap<>();
        int id = 100;
        for (String stream : catalogStreams()) {
            Set<String> ids = new LinkedHashSet<>();
            String first = page(stream, ids, id, 3, base() + "/v1/" + stream + "?page=2&per_page=50");
            String second = page(stream, ids, id + 3, 2, null);
            wm.stubFor(get(urlPathEqualTo("/v1/" + stream)).withQueryParam("page", absent())
                    .withQueryParam("per_page", equalTo("50")).withBasicAuth("a1b2c3", "SECRET-token").willReturn(okJson(first)));
            wm.stubFor(get(urlPathEqualTo("/v1/" + stream)).withQueryParam("page", equalTo("2"))
                    .withBasicAuth("a1b2c3", "SECRET-token").willReturn(okJson(second)));
            served.put(stream, ids);
            id += 100;
        }
        return served;
    }

    /** One page of a v1 list: {@code {"<stream>":[…],"meta":{…,"next_page_link":…}}}. */
    private static String page(String stream, Set<String> ids, int firstId, int count, String next) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int id = firstId + i;
            ids.add(Integer.toString(id));
            items.append(i == 0 ? "" : ",").append(item(id, 1_790_000_000L + id));
        }
        return "{\"" + stream + "\":[" + items + "],\"meta\":{\"count\":" + count + ",\"total\":5,\"current_page\":"
                + (next == null ? 2 : 1) + ",\"per_page\":50,\"next_page_link\":" + (next == null ? "null" : "\"" + next + "\"")
                + ",\"previous_page_link\":null}}";
    }

    private static String item(int id, long startedAt) {
        return "{\"id\":" + id + ",\"direct_link\":\"https://api.aircall.io/v1/calls/" + id + "\",\"started_at\":" + startedAt
                + ",\"status\":\"done\",\"direction\":\"inbound\"}";
    }

    @Test
    void an_incremental_run_asks_for_calls_from_the_stored_cursor_and_writes_only_those() {
        ConnectionId id = connect();
        stubEveryStream();
        harness.run();
        String cursor = harness.cursor("calls").orElseThrow();
        assertThat(cursor).isEqualTo(Long.toString(1_790_000_000L + 104));

        wm.stubFor(get(urlPathEqualTo("/v1/calls")).atPriority(1).withQueryParam("from", equalTo(cursor))
                .willReturn(okJson("{\"calls\":[" + item(104, 1_790_000_000L + 104).replace("done", "answered") + ","
                        + item(900, 1_790_001_000L) + "],\"meta\":{\"next_page_link\":null}}")));
        SyncRun second = harness.run();
        assertThat(second.streamsFailed()).isZero();
        wm.verify(getRequestedFor(urlPathEqualTo("/v1/calls")).withQueryParam("from", equalTo(cursor))
                .withQueryParam("order", equalTo("asc")));
        assertThat(harness.records(id, "calls")).hasSize(6).containsKey("900");
        assertThat(harness.records(id, "calls").get("104")).contains("answered");
        assertThat(second.recordsWritten()).isEqualTo(2 + 4 * 5);
        assertThat(harness.cursor("calls")).contains("1790001000");
    }

    @Test
    void a_rate_limit_is_waited_out_until_the_reset_header_says() {
        StreamHarness stream = new StreamHarness(new Aircall(), testSettings(env()));
        long reset = Instant.now().getEpochSecond() + 5;
        wm.stubFor(get(urlPathEqualTo("/v1/teams")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("X-AircallApi-Reset", Long.toString(reset)))
                .willSetStateTo("reset"));
        wm.stubFor(get(urlPathEqualTo("/v1/teams")).inScenario("limit").whenScenarioStateIs("reset")
                .willReturn(okJson("{\"teams\":[{\"id\":1,\"name\":\"Support\"}],\"meta\":{\"next_page_link\":null}}")));
        var result = stream.pull("teams", Credentials.apiKey(KEY), null);
        assertThat(result.outcome().recordsWritten()).isEqualTo(1);
        assertThat(stream.sleeps).hasSize(1);
        assertThat(stream.sleeps.get(0).toSeconds()).isBetween(1L, 5L);
    }
}
