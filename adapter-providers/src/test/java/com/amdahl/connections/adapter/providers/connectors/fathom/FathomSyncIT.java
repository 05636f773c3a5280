package com.amdahl.connections.adapter.providers.connectors.fathom;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.ConnectorSyncContract;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Fathom's three streams through whole sync runs, against stubs in the external v1 shapes ({@code items}, {@code next_cursor}). */
class FathomSyncIT extends ConnectorSyncContract {
    private static final String KEY = "fathom-SECRET-key";
    private static final Map<String, IntFunction<String>> ITEMS = Map.of(
            "meetings", FathomSyncIT::meeting,
            "teams", n -> "{\"name\":\"Team " + n + "\",\"created_at\":\"2026-01-01T00:00:00Z\"}",
            "team_members", n -> "{\"name\":\"Member " + n + "\",\"email\":\"m" + n + "@acme.com\",\"created_at\":\"2026-01-01T00:00:00Z\"}");
    private static final Map<String, String> IDS = Map.of("meetings", "%d", "teams", "Team %d", "team_members", "m%d@acme.com");

    @Override
    protected String type() {
        return "fathom";
    }

    @Override
    protected ConnectionId connect() {
        wm.stubFor(get(urlPathEqualTo("/external/v1/teams")).withHeader("X-Api-Key", equalTo(KEY)).atPriority(5)
                .willReturn(okJson("{\"items\":[],\"limit\":10,\"next_cursor\":null}")));
        return harness.connectApiKey("fathom", KEY);
    }

    @Override
    protected UrlPattern requestsOf(String stream) {
        return urlPathEqualTo("/external/v1/" + stream);
    }

    private static String meeting(int n) {
        return "{\"title\":\"Meeting " + n + "\",\"recording_id\":" + n + ",\"url\":\"https://fathom.video/calls/" + n
                + "\",\"created_at\":\"2026-11-" + (10 + n % 10) + "T17:01:30Z\",\"meeting_type\":\"external\"}";
    }

    @Override
    protected Map<String, Set<String>> stubEveryStream() {
        Map<String, Set<String>> served = new LinkedHashMap<>();
        int n = 100;
        for (String stream : catalogStreams()) {
            Set<String> ids = new LinkedHashSet<>();
            wm.stubFor(get(urlPathEqualTo("/external/v1/" + stream)).withQueryParam("cursor", absent())
                    .withHeader("X-Api-Key", equalTo(KEY)).willReturn(okJson(page(stream, ids, n, 3, "c2"))));
            wm.stubFor(get(urlPathEqualTo("/external/v1/" + stream)).withQueryParam("cursor", equalTo("c2"))
                    .withHeader("X-Api-Key", equalTo(KEY)).willReturn(okJson(page(stream, ids, n + 3, 2, null))));
            served.put(stream, ids);
            n += 100;
        }
        return served;
    }

    private static String page(String stream, Set<String> ids, int first, int count, String next) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < count; i++) {
            ids.add(String.format(IDS.get(stream), first + i));
            items.append(i == 0 ? "" : ",").append(ITEMS.get(stream).apply(first + i));
        }
        return "{\"limit\":" + count + ",\"next_cursor\":" + (next == null ? "null" : "\"" + next + "\"") + ",\"items\":[" + items + "]}";
    }

    @Test
    void an_incremental_run_asks_for_meetings_created_after_the_cursor_and_writes_only_those() {
        ConnectionId id = connect();
        stubEveryStream();
        harness.run();
        String cursor = harness.cursor("meetings").orElseThrow();
        assertThat(cursor).isEqualTo("2026-11-14T17:01:30Z"); // meeting 104

        wm.stubFor(get(urlPathEqualTo("/external/v1/meetings")).atPriority(1).withQueryParam("created_after", equalTo(cursor))
                .willReturn(okJson("{\"limit\":10,\"next_cursor\":null,\"items\":[" + meeting(119) + "]}")));
        SyncRun second = harness.run();
        assertThat(second.streamsFailed()).isZero();
        assertThat(second.recordsWritten()).isEqualTo(1 + 5 + 5);
        wm.verify(getRequestedFor(urlPathEqualTo("/external/v1/meetings")).withQueryParam("created_after", equalTo(cursor)));
        assertThat(harness.records(id, "meetings")).hasSize(6).containsKey("119");
        assertThat(harness.cursor("meetings")).contains("2026-11-19T17:01:30Z");
    }

    @Test
    void a_member_without_an_email_is_a_malformed_page() {
        ConnectionId id = connect();
        stubEveryStream();
        wm.stubFor(get(urlPathEqualTo("/external/v1/team_members")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"items\":[{\"name\":\"No Email\"}],\"next_cursor\":null}")));
        SyncRun run = harness.run();
        assertThat(run.streamsFailed()).isEqualTo(1);
        assertThat(run.errorMessage()).contains("team_members: Fathom answered a body that is not a team_members page");
        assertThat(harness.records(id, "team_members")).isEmpty();
    }
}
