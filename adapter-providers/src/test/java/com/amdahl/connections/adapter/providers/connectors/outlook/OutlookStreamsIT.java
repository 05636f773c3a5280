package com.amdahl.connections.adapter.providers.connectors.outlook;

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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outlook's streams against stubs in Microsoft Graph's shapes: {@code value}, {@code @odata.nextLink}, {@code @odata.deltaLink}. */
class OutlookStreamsIT extends WireMockSupport {
    private static final String TOKEN = "eyJ0-SECRET";
    private static final Credentials CREDENTIALS = new Credentials(Map.of(Credentials.ACCESS_TOKEN, TOKEN), null);
    private StreamHarness harness;

    @BeforeEach
    void harness() {
        harness = new StreamHarness(new Outlook(), testSettings(Map.of("CONNECTIONS_OUTLOOK_API_BASE_URL", base())));
    }

    private static MappingBuilder api(String path) {
        return get(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + TOKEN));
    }

    /** A Graph page: the items, then a next link or (on a delta's last page) a delta link. */
    static String page(String link, String linkKind, String... ids) {
        StringBuilder value = new StringBuilder();
        for (String id : ids) {
            value.append(value.length() == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"subject\":\"s\"}");
        }
        return "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#x\",\"value\":[" + value + "]"
                + (link == null ? "" : ",\"@odata." + linkKind + "\":\"" + base() + link + "\"") + "}";
    }

    private void twoPages(String path, String... ids) {
        wm.stubFor(api(path).withQueryParam("$skiptoken", absent()).willReturn(okJson(page(path + "?$skiptoken=2", "nextLink", ids[0]))));
        wm.stubFor(api(path).withQueryParam("$skiptoken", equalTo("2")).willReturn(okJson(page(null, null, ids[1]))));
    }

    private void delta(String path, String deltaToken, String... ids) {
        wm.stubFor(api(path).withQueryParam("$skiptoken", absent()).withQueryParam("$deltatoken", absent())
                .willReturn(okJson(page(path + "?$skiptoken=p2", "nextLink", ids[0]))));
        wm.stubFor(api(path).withQueryParam("$skiptoken", equalTo("p2"))
                .willReturn(okJson(page(path + "?$deltatoken=" + deltaToken, "deltaLink", ids[1]))));
    }

    private void mailbox() {
        twoPages("/v1.0/me/mailFolders", "inbox", "archive");
        delta("/v1.0/me/mailFolders/inbox/messages/delta", "di1", "m1", "m2");
        delta("/v1.0/me/mailFolders/archive/messages/delta", "da1", "m3", "m4");
        twoPages("/v1.0/me/events", "e1", "e2");
        delta("/v1.0/me/contacts/delta", "dc1", "k1", "k2");
    }

    @Test
    void a_first_run_follows_next_links_and_keeps_each_delta_link() {
        mailbox();
        RunResult first = harness.run(CREDENTIALS);
        assertThat(first.failed()).isFalse();
        assertThat(first.streamsTotal()).isEqualTo(4);
        assertThat(first.streamsFailed()).isZero();
        assertThat(first.recordsWritten()).isEqualTo(4 + 2 + 2 + 2);
        assertThat(harness.cursors.get("messages")).isEqualTo("{\"archive\":\"" + base()
                + "/v1.0/me/mailFolders/archive/messages/delta?$deltatoken=da1\",\"inbox\":\"" + base()
                + "/v1.0/me/mailFolders/inbox/messages/delta?$deltatoken=di1\"}");
        assertThat(harness.cursors.get("contacts")).isEqualTo(base() + "/v1.0/me/contacts/delta?$deltatoken=dc1");
        int rows = harness.written.size();
        assertThat(harness.run(CREDENTIALS, true).failed()).isFalse();
        assertThat(harness.written).as("a second full pass upserts, never duplicates").hasSize(rows);
    }

    @Test
    void a_second_run_resumes_from_the_delta_links_and_writes_only_changes() {
        mailbox();
        harness.run(CREDENTIALS);
        harness.written.clear();
        wm.stubFor(api("/v1.0/me/mailFolders/inbox/messages/delta").withQueryParam("$deltatoken", equalTo("di1"))
                .willReturn(okJson(page("/v1.0/me/mailFolders/inbox/messages/delta?$deltatoken=di2", "deltaLink", "m5"))));
        wm.stubFor(api("/v1.0/me/mailFolders/archive/messages/delta").withQueryParam("$deltatoken", equalTo("da1"))
                .willReturn(okJson("{\"value\":[{\"id\":\"a1\",\"@removed\":{\"reason\":\"deleted\"}},"
                        + "{\"id\":\"a2\",\"@removed\":{\"reason\":\"changed\"}}],\"@odata.deltaLink\":\"" + base()
                        + "/v1.0/me/mailFolders/archive/messages/delta?$deltatoken=da1\"}")));
        wm.stubFor(api("/v1.0/me/contacts/delta").withQueryParam("$deltatoken", equalTo("dc1")).willReturn(okJson(
                "{\"value\":[{\"id\":\"k2\",\"@removed\":{\"reason\":\"deleted\"}}],\"@odata.deltaLink\":\"" + base()
                        + "/v1.0/me/contacts/delta?$deltatoken=dc2\"}")));
        RunResult second = harness.run(CREDENTIALS);
        assertThat(second.failed()).isFalse();
        assertThat(harness.stored("messages")).containsOnlyKeys("m5");
        assertThat(harness.stored("contacts")).as("a removed contact is not written").isEmpty();
        assertThat(harness.deleted).as("a deleted message and a removed contact; a message moved away is neither")
                .containsExactlyInAnyOrder("messages/a1", "contacts/k2");
        assertThat(harness.cursors.get("messages")).contains("$deltatoken=di2").contains("$deltatoken=da1");
        assertThat(harness.cursors.get("contacts")).endsWith("$deltatoken=dc2");
    }

    @Test
    void throttling_and_an_expired_token_are_classified_and_one_failing_stream_degrades_the_run() {
        mailbox();
        wm.stubFor(get(urlPathEqualTo("/v1.0/me/events")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "90")
                .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Please retry after 90 seconds.\"}}")));
        RunResult degraded = harness.run(CREDENTIALS);
        assertThat(degraded.failed()).isFalse();
        assertThat(degraded.streamsFailed()).isEqualTo(1);
        assertThat(harness.pull("events", CREDENTIALS, null).outcome().failure()).isEqualTo(ErrorReason.RATE_LIMIT);
        wm.stubFor(get(urlPathEqualTo("/v1.0/me/mailFolders")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired.\"}}")));
        assertThat(harness.pull("messages", CREDENTIALS, null).outcome().failure()).isEqualTo(ErrorReason.AUTH);
    }
}
