package com.amdahl.connections.adapter.providers.connectors.pylon;

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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pylon's streams against stubs in the API's shapes: {@code data[]}, {@code pagination.cursor}/{@code has_next_page}. */
class PylonStreamsIT extends WireMockSupport {
    private static final String KEY = "pylon_api_SECRET";
    private static final Credentials CREDENTIALS = new Credentials(Map.of(Credentials.API_KEY, KEY), null);
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private StreamHarness harness;

    @BeforeEach
    void harness() {
        harness = new StreamHarness(new Pylon(), testSettings(Map.of("CONNECTIONS_PYLON_API_BASE_URL", base())),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static String page(String next, String... data) {
        return "{\"data\":[" + String.join(",", data) + "],\"pagination\":{\"cursor\":" + (next == null ? "null" : "\"" + next + "\"")
                + ",\"has_next_page\":" + (next != null) + "},\"request_id\":\"r\"}";
    }

    private static MappingBuilder api(String path) {
        return get(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + KEY));
    }

    private void twoPages(String path, String first, String second) {
        wm.stubFor(api(path).withQueryParam("cursor", absent()).willReturn(okJson(page("c2", first))));
        wm.stubFor(api(path).withQueryParam("cursor", equalTo("c2")).willReturn(okJson(page(null, second))));
    }

    private void issueWindow(String start, String end, String... issues) {
        wm.stubFor(api("/issues").withQueryParam("start_time", equalTo(start)).withQueryParam("end_time", equalTo(end))
                .withQueryParam("cursor", absent()).willReturn(okJson(page(null, issues))));
    }

    private void organization() {
        issueWindow("2026-09-02T00:00:00Z", "2026-10-02T00:00:00Z", "{\"id\":\"i1\",\"title\":\"a\"}");
        issueWindow("2026-10-02T00:00:00Z", "2026-11-01T00:00:00Z");
        wm.stubFor(api("/issues").withQueryParam("start_time", equalTo("2026-11-01T00:00:00Z"))
                .withQueryParam("end_time", equalTo("2026-12-01T00:00:00Z")).withQueryParam("cursor", absent())
                .willReturn(okJson(page("n", "{\"id\":\"i2\"}"))));
        wm.stubFor(api("/issues").withQueryParam("start_time", equalTo("2026-11-01T00:00:00Z")).withQueryParam("cursor", equalTo("n"))
                .willReturn(okJson(page(null, "{\"id\":\"i3\"}"))));
        twoPages("/accounts", "{\"id\":\"a1\",\"name\":\"Acme\"}", "{\"id\":\"a2\",\"name\":\"Globex\"}");
        twoPages("/contacts", "{\"id\":\"k1\"}", "{\"id\":\"k2\"}");
        twoPages("/users", "{\"id\":\"u1\"}", "{\"id\":\"u2\"}");
    }

    @Test
    void a_first_run_walks_90_days_of_issue_windows_and_every_page_of_the_lists() {
        organization();
        RunResult first = harness.run(CREDENTIALS);
        assertThat(first.failed()).isFalse();
        assertThat(first.streamsTotal()).isEqualTo(4);
        assertThat(first.streamsFailed()).isZero();
        assertThat(first.recordsWritten()).isEqualTo(3 + 2 + 2 + 2);
        assertThat(harness.cursors.get("issues")).isEqualTo("2026-12-01T00:00:00Z");
        int rows = harness.written.size();
        assertThat(harness.run(CREDENTIALS, true).failed()).isFalse();
        assertThat(harness.written).as("a second full pass upserts, never duplicates").hasSize(rows);
    }

    @Test
    void a_second_run_reads_only_the_window_since_the_cursor() {
        organization();
        harness.cursors.put("issues", "2026-11-30T12:00:00Z");
        issueWindow("2026-11-30T12:00:00Z", "2026-12-01T00:00:00Z", "{\"id\":\"i9\"}");
        harness.pull("issues", CREDENTIALS, "2026-11-30T12:00:00Z");
        assertThat(harness.stored("issues")).containsOnlyKeys("i9");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/issues")));
    }

    @Test
    void eu_keys_go_to_the_eu_host_and_failures_are_classified() {
        assertThat(new Pylon().streamOrigin(new Credentials(Map.of(Credentials.API_KEY, "pylon_api_eu_x"), null)))
                .isEqualTo("https://api.eu.usepylon.com");
        organization();
        wm.stubFor(get(urlPathEqualTo("/users")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        RunResult degraded = harness.run(CREDENTIALS);
        assertThat(degraded.failed()).isFalse();
        assertThat(degraded.streamsFailed()).isEqualTo(1);
        wm.stubFor(get(urlPathEqualTo("/accounts")).willReturn(aResponse().withStatus(401)
                .withBody("{\"errors\":[\"unauthorized\"],\"request_id\":\"r\"}")));
        assertThat(harness.pull("accounts", CREDENTIALS, null).outcome().failure()).isEqualTo(ErrorReason.AUTH);
    }
}
