package com.amdahl.connections.adapter.providers.connectors.pipedrive;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.StreamHarness;
import com.amdahl.connections.adapter.providers.WireMockSupport;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pipedrive's incremental passes against stubs in the v1 shapes. Paging, empty pages, rate
 * limits, revoked keys, server errors and malformed bodies are covered through the port in PullersIT.
 */
class PipedriveStreamsIT extends WireMockSupport {
    private static final String KEY = "pd-SECRET-key";
    private static final Credentials CREDENTIALS = Credentials.apiKey(KEY);
    private StreamHarness harness;

    @BeforeEach
    void harness() {
        harness = new StreamHarness(new Pipedrive(), testSettings(Map.of("CONNECTIONS_PIPEDRIVE_API_BASE_URL", base())));
    }

    private static String person(int id, String updateTime) {
        return "{\"id\":" + id + ",\"name\":\"Person " + id + "\",\"add_time\":\"2026-01-01 00:00:00\",\"update_time\":\"" + updateTime + "\"}";
    }

    private static String pagination(boolean more, Integer nextStart) {
        return "\"pagination\":{\"start\":0,\"limit\":100,\"more_items_in_collection\":" + more
                + (nextStart == null ? "" : ",\"next_start\":" + nextStart) + "}";
    }

    @Test
    void a_first_pass_lists_every_page_and_remembers_the_latest_update_time() {
        wm.stubFor(get(urlPathEqualTo("/v1/persons")).withQueryParam("start", equalTo("0")).withHeader("x-api-token", equalTo(KEY))
                .willReturn(okJson("{\"success\":true,\"data\":[" + person(1, "2026-11-02 10:00:00") + ","
                        + person(2, "2026-11-04 08:30:00") + "],\"additional_data\":{" + pagination(true, 2) + "}}")));
        wm.stubFor(get(urlPathEqualTo("/v1/persons")).withQueryParam("start", equalTo("2"))
                .willReturn(okJson("{\"success\":true,\"data\":[" + person(3, "2026-11-03 00:00:00") + "],\"additional_data\":{"
                        + pagination(false, null) + "}}")));
        PullResult result = harness.pull("persons", CREDENTIALS, null);
        assertThat(result.outcome().recordsWritten()).isEqualTo(3);
        assertThat(result.nextCursor()).isEqualTo("2026-11-04 08:30:00");
    }

    @Test
    void a_second_pass_reads_recents_since_the_cursor_and_writes_only_the_changed_objects() {
        String since = "2026-11-04 08:30:00";
        wm.stubFor(get(urlPathEqualTo("/v1/recents")).withQueryParam("since_timestamp", equalTo(since))
                .withQueryParam("items", equalTo("person")).withQueryParam("start", equalTo("0"))
                .withHeader("x-api-token", equalTo(KEY))
                .willReturn(okJson("{\"success\":true,\"data\":[{\"item\":\"person\",\"id\":2,\"data\":" + person(2, since)
                        + "}],\"additional_data\":{\"since_timestamp\":\"" + since + "\",\"last_timestamp_on_page\":\"" + since
                        + "\"," + pagination(true, 1) + "}}")));
        wm.stubFor(get(urlPathEqualTo("/v1/recents")).withQueryParam("start", equalTo("1"))
                .willReturn(okJson("{\"success\":true,\"data\":[{\"item\":\"person\",\"id\":9,\"data\":"
                        + person(9, "2026-11-06 12:00:00") + "}],\"additional_data\":{" + pagination(false, null) + "}}")));
        PullResult result = harness.pull("persons", CREDENTIALS, since);
        assertThat(result.outcome().isFailure()).isFalse();
        assertThat(harness.written).containsOnlyKeys("persons/2", "persons/9");
        assertThat(harness.written.get("persons/9")).startsWith("{\"id\":9,\"name\":\"Person 9\"");
        assertThat(result.nextCursor()).isEqualTo("2026-11-06 12:00:00");
        wm.verify(0, getRequestedFor(urlPathEqualTo("/v1/persons")));
    }

    private static String deal(int id, String status) {
        return "{\"id\":" + id + ",\"title\":\"Deal " + id + "\",\"status\":\"" + status + "\",\"deleted\":"
                + status.equals("deleted") + ",\"update_time\":\"2026-11-05 10:00:00\"}";
    }

    private void deletedDeals(String... deals) {
        wm.stubFor(get(urlPathEqualTo("/v1/deals")).atPriority(1).withQueryParam("status", equalTo("deleted"))
                .withQueryParam("start", equalTo("0")).withHeader("x-api-token", equalTo(KEY))
                .willReturn(okJson("{\"success\":true,\"data\":" + (deals.length == 0 ? "null" : "[" + String.join(",", deals) + "]")
                        + ",\"additional_data\":{" + pagination(false, null) + "}}")));
    }

    /**
     * {@code status=deleted} lists the deals deleted up to 30 days ago (Deals API, "Get all deals";
     * changelog "Permanent deletion logic for 6 core entities"): after the live pass each is a
     * delete, never written; the deal says no time of deletion, so none is passed on.
     */
    @Test
    void deleted_deals_are_listed_after_the_live_pass_and_become_deletes() {
        wm.stubFor(get(urlPathEqualTo("/v1/deals")).withQueryParam("status", absent())
                .willReturn(okJson("{\"success\":true,\"data\":[" + deal(1, "open") + "],\"additional_data\":{"
                        + pagination(false, null) + "}}")));
        deletedDeals(deal(2, "deleted"), deal(3, "deleted"));
        PullResult result = harness.pull("deals", CREDENTIALS, null);
        assertThat(result.outcome().isFailure()).isFalse();
        assertThat(harness.written).containsOnlyKeys("deals/1");
        assertThat(harness.deleted).containsExactly("deals/2", "deals/3");
        assertThat(harness.deletedAt).isEmpty();
        assertThat(result.nextCursor()).isEqualTo("2026-11-05 10:00:00");
    }

    @Test
    void nothing_changed_keeps_the_cursor() {
        deletedDeals();
        wm.stubFor(get(urlPathEqualTo("/v1/recents")).withQueryParam("items", equalTo("deal"))
                .willReturn(okJson("{\"success\":true,\"data\":null,\"additional_data\":{" + pagination(false, null) + "}}")));
        PullResult result = harness.pull("deals", CREDENTIALS, "2026-11-01 00:00:00");
        assertThat(result.outcome().recordsWritten()).isZero();
        assertThat(result.nextCursor()).isEqualTo("2026-11-01 00:00:00");
    }
}
