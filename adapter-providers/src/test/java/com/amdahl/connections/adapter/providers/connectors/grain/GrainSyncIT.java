package com.amdahl.connections.adapter.providers.connectors.grain;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.ConnectorRegistry;
import com.amdahl.connections.adapter.providers.ConnectorSyncContract;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.catalog.Catalog;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Grain's recordings and per-recording highlights through whole sync runs, against stubs in the public-API shapes. */
class GrainSyncIT extends ConnectorSyncContract {
    private static final String KEY = "grain-SECRET-token";
    private static final String RECORDINGS = "/_/public-api/recordings";

    @Override
    protected String type() {
        return "grain";
    }

    @Override
    protected ConnectionId connect() {
        wm.stubFor(get(urlPathEqualTo("/_/public-api/me")).willReturn(okJson(
                "{\"name\":\"Andy Arbol\",\"id\":\"aea95745-99e9-4609-8623-c9efa2926b82\"}")));
        return harness.connectApiKey("grain", KEY);
    }

    @Override
    protected UrlPattern requestsOf(String stream) {
        return stream.equals("recordings") ? urlPathEqualTo(RECORDINGS) : urlPathMatching(RECORDINGS + "/.+");
    }

    @Override
    protected String malformedStream() {
        return "highlights"; // recordings are the highlights' parent
    }

    @Override
    protected Map<String, Set<String>> stubEveryStream() {
        List<String> first = List.of("rec-1", "rec-2", "rec-3");
        List<String> second = List.of("rec-4");
        wm.stubFor(get(urlPathEqualTo(RECORDINGS)).withQueryParam("cursor", absent())
                .willReturn(okJson(page(first, "cur-2"))));
        wm.stubFor(get(urlPathEqualTo(RECORDINGS)).withQueryParam("cursor", equalTo("cur-2"))
                .willReturn(okJson(page(second, null))));
        Set<String> highlights = new LinkedHashSet<>();
        for (String recording : List.of("rec-1", "rec-2", "rec-3", "rec-4")) {
            highlights.add("hl-" + recording + "-a");
            highlights.add("hl-" + recording + "-b");
            wm.stubFor(get(urlPathEqualTo(RECORDINGS + "/" + recording)).withQueryParam("include_highlights", equalTo("true"))
                    .willReturn(okJson(recording(recording).replace("}", ",\"highlights\":[" + highlight(recording, "a") + ","
                            + highlight(recording, "b") + "]}"))));
        }
        Map<String, Set<String>> served = new LinkedHashMap<>();
        served.put("recordings", new LinkedHashSet<>(List.of("rec-1", "rec-2", "rec-3", "rec-4")));
        served.put("highlights", highlights);
        return served;
    }

    private static String page(List<String> ids, String cursor) {
        return "{\"cursor\":" + (cursor == null ? "null" : "\"" + cursor + "\"") + ",\"recordings\":["
                + String.join(",", ids.stream().map(GrainSyncIT::recording).toList()) + "]}";
    }

    private static String recording(String id) {
        return "{\"id\":\"" + id + "\",\"title\":\"Demo " + id + "\",\"url\":\"https://grain.com/share/recording/" + id
                + "\",\"start_datetime\":\"2026-11-01T10:00:00Z\",\"end_datetime\":\"2026-11-01T10:30:00Z\"}";
    }

    private static String highlight(String recording, String n) {
        return "{\"id\":\"hl-" + recording + "-" + n + "\",\"recording_id\":\"" + recording + "\",\"text\":\"Pricing\","
                + "\"transcript\":\"…\",\"speakers\":[\"Ada\"],\"timestamp\":1000,\"duration\":15000}";
    }

    @Test
    void stories_are_not_a_stream_the_public_api_has_no_list_for_them() {
        assertThat(ConnectorRegistry.launch().catalog().require("grain").streams()).containsExactly("recordings", "highlights");
        ConnectionId id = connect();
        stubEveryStream();
        harness.run();
        assertThat(harness.records(id, "highlights").get("hl-rec-4-b")).contains("\"recording_id\":\"rec-4\"");
    }
}
