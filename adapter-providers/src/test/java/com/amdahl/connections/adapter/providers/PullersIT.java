package com.amdahl.connections.adapter.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.StreamPuller.PullRequest;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Pipedrive and HubSpot pullers against WireMock stubs shaped like their documented APIs. */
class PullersIT extends WireMockSupport {
    private static final WorkspaceId WS = new WorkspaceId("acme");
    private static final ConnectionId CONNECTION = new ConnectionId("c-1");
    private static final String KEY = "pd-SECRET-key";
    private static final String TOKEN = "hs-SECRET-token";

    private final Map<String, String> written = new LinkedHashMap<>();
    private final RecordSink sink = (ws, id, stream, page) -> {
        page.forEach(r -> written.put(stream + "/" + r.externalId(), r.payloadJson()));
        return com.amdahl.connections.domain.sync.RecordCounts.written(page.size());
    };
    private final List<Duration> sleeps = new ArrayList<>();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private StreamPullers pullers;

    @BeforeEach
    void pullers() {
        ProviderSettings settings = testSettings(Map.of("CONNECTIONS_PIPEDRIVE_API_BASE_URL", base(),
                "CONNECTIONS_HUBSPOT_API_BASE_URL", base()));
        pullers = new StreamPullers(ConnectorRegistry.launch(), settings, new HttpCore(settings), sleeps::add,
                Clock.systemUTC());
    }

    private PullResult pull(String type, String stream, Credentials credentials) {
        return pullers.pull(new PullRequest(WS, CONNECTION, type, stream, credentials, null, heartbeats::incrementAndGet),
                sink);
    }

    private PullResult pipedrive(String stream) {
        return pull("pipedrive", stream, Credentials.apiKey(KEY));
    }

    private PullResult hubspot(String stream) {
        // nothing archived: each stream's archived listing (archived=true) answers an empty page
        wm.stubFor(get(urlPathMatching("/crm/v3/(objects/[a-z]+|owners)")).atPriority(1)
                .withQueryParam("archived", equalTo("true")).willReturn(okJson("{\"results\":[]}")));
        return pull("hubspot", stream, new Credentials(Map.of(Credentials.ACCESS_TOKEN, TOKEN), null));
    }

    private static String pipedrivePage(int firstId, int count, Integer nextStart) {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < count; i++) {
            data.append(i == 0 ? "" : ",").append("{\"id\":").append(firstId + i).append(",\"name\":\"Person ")
                    .append(firstId + i).append("\"}");
        }
        String pagination = nextStart == null
                ? "{\"start\":0,\"limit\":100,\"more_items_in_collection\":false}"
                : "{\"start\":0,\"limit\":100,\"more_items_in_collection\":true,\"next_start\":" + nextStart + "}";
        return "{\"success\":true,\"data\":[" + data + "],\"additional_data\":{\"pagination\":" + pagination + "}}";
    }

    @Test
    void the_catalog_streams_with_a_puller_are_pipedrive_and_hubspot_only() {
        assertThat(pullers.streams("pipedrive")).containsExactly("persons", "deals", "organizations", "activities");
        assertThat(pullers.streams("hubspot")).containsExactly("contacts", "companies", "deals", "owners", "tasks");
        assertThat(pullers.streams("circleback")).isEmpty();
    }

    @Test
    void pipedrive_pages_with_start_and_limit_until_no_more_items() {
        wm.stubFor(get(urlPathEqualTo("/v1/persons")).withQueryParam("start", equalTo("0"))
                .withQueryParam("limit", equalTo("100")).withHeader("x-api-token", equalTo(KEY))
                .willReturn(okJson(pipedrivePage(1, 100, 100))));
        wm.stubFor(get(urlPathEqualTo("/v1/persons")).withQueryParam("start", equalTo("100"))
                .withHeader("x-api-token", equalTo(KEY)).willReturn(okJson(pipedrivePage(101, 20, null))));
        PullResult result = pipedrive("persons");
        assertThat(result.outcome().isFailure()).isFalse();
        assertThat(result.outcome().recordsWritten()).isEqualTo(120);
        assertThat(written).containsKeys("persons/1", "persons/100", "persons/120").hasSize(120);
        assertThat(written.get("persons/7")).contains("\"name\":\"Person 7\"");
        assertThat(heartbeats.get()).isEqualTo(2);
    }

    @Test
    void an_empty_pipedrive_collection_answers_data_null() {
        wm.stubFor(get(urlPathEqualTo("/v1/deals")).willReturn(okJson(
                "{\"success\":true,\"data\":null,\"additional_data\":{\"pagination\":{\"start\":0,\"limit\":100,\"more_items_in_collection\":false}}}")));
        PullResult result = pipedrive("deals");
        assertThat(result.outcome().isFailure()).isFalse();
        assertThat(result.outcome().recordsWritten()).isZero();
    }

    @Test
    void a_rate_limit_is_waited_out_up_to_three_times() {
        wm.stubFor(get(urlPathEqualTo("/v1/organizations")).inScenario("limits").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withBody("{\"success\":false,\"error\":\"Rate limit exceeded\"}"))
                .willSetStateTo("after"));
        wm.stubFor(get(urlPathEqualTo("/v1/organizations")).inScenario("limits").whenScenarioStateIs("after")
                .willReturn(okJson(pipedrivePage(1, 3, null))));
        PullResult result = pipedrive("organizations");
        assertThat(result.outcome().isFailure()).isFalse();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void a_persistent_rate_limit_fails_the_stream_as_rate_limit() {
        wm.stubFor(get(urlPathEqualTo("/v1/activities")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "1").withBody("{\"success\":false}")));
        PullResult result = pipedrive("activities");
        assertThat(result.outcome().failure()).isEqualTo(ErrorReason.RATE_LIMIT);
        assertThat(result.outcome().failureMessage()).isEqualTo("Pipedrive answered HTTP 429");
        assertThat(sleeps).hasSize(3);
        wm.verify(4, getRequestedFor(urlPathEqualTo("/v1/activities")));
    }

    @Test
    void a_retry_after_longer_than_thirty_seconds_fails_at_once() {
        wm.stubFor(get(urlPathEqualTo("/v1/persons")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "3600")));
        assertThat(pipedrive("persons").outcome().failure()).isEqualTo(ErrorReason.RATE_LIMIT);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a_revoked_key_fails_as_auth_without_echoing_it() {
        wm.stubFor(get(urlPathEqualTo("/v1/persons")).willReturn(aResponse().withStatus(401)
                .withBody("{\"success\":false,\"error\":\"unauthorized access\",\"errorCode\":401}")));
        PullResult result = pipedrive("persons");
        assertThat(result.outcome().failure()).isEqualTo(ErrorReason.AUTH);
        assertThat(result.outcome().failureMessage()).doesNotContain(KEY);
    }

    @Test
    void server_errors_are_transient_and_a_partial_stream_keeps_its_count() {
        wm.stubFor(get(urlPathEqualTo("/v1/deals")).withQueryParam("start", equalTo("0"))
                .willReturn(okJson(pipedrivePage(1, 100, 100))));
        wm.stubFor(get(urlPathEqualTo("/v1/deals")).withQueryParam("start", equalTo("100"))
                .willReturn(aResponse().withStatus(503)));
        PullResult result = pipedrive("deals");
        assertThat(result.outcome().failure()).isEqualTo(ErrorReason.TRANSIENT);
        assertThat(result.outcome().recordsWritten()).isEqualTo(100);
    }

    @Test
    void a_malformed_body_is_unknown_and_a_timeout_transient() {
        wm.stubFor(get(urlPathEqualTo("/v1/persons")).willReturn(okJson("{\"success\":true,\"data\":\"nope\"}")));
        assertThat(pipedrive("persons").outcome().failure()).isEqualTo(ErrorReason.UNKNOWN);
        wm.stubFor(get(urlPathEqualTo("/v1/deals")).willReturn(okJson(pipedrivePage(1, 1, null))
                .withFixedDelay(SLOWER_THAN_TIMEOUT_MS)));
        assertThat(pipedrive("deals").outcome().failure()).isEqualTo(ErrorReason.TRANSIENT);
    }

    @Test
    void hubspot_follows_after_cursors_with_a_bearer_token() {
        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).withQueryParam("limit", equalTo("100"))
                .withQueryParam("after", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("{\"results\":[{\"id\":\"51\",\"properties\":{\"email\":\"a@acme.com\"},"
                        + "\"archived\":false}],\"paging\":{\"next\":{\"after\":\"NTI\",\"link\":\"?after=NTI\"}}}")));
        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).withQueryParam("after", equalTo("NTI"))
                .willReturn(okJson("{\"results\":[{\"id\":\"52\",\"properties\":{}}]}")));
        PullResult result = hubspot("contacts");
        assertThat(result.outcome().recordsWritten()).isEqualTo(2);
        assertThat(written).containsOnlyKeys("contacts/51", "contacts/52");
    }

    @Test
    void hubspot_owners_come_from_the_owners_api_and_an_expired_token_is_auth() {
        wm.stubFor(get(urlPathEqualTo("/crm/v3/owners")).willReturn(okJson(
                "{\"results\":[{\"id\":\"9\",\"email\":\"owner@acme.com\"}]}")));
        assertThat(hubspot("owners").outcome().recordsWritten()).isEqualTo(1);
        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).willReturn(aResponse().withStatus(401).withBody(
                "{\"status\":\"error\",\"message\":\"Authentication credentials not found.\",\"category\":\"INVALID_AUTHENTICATION\"}")));
        assertThat(hubspot("deals").outcome().failure()).isEqualTo(ErrorReason.AUTH);
        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/tasks")).willReturn(aResponse().withStatus(429).withBody(
                "{\"status\":\"error\",\"errorType\":\"RATE_LIMIT\",\"policyName\":\"TEN_SECONDLY_ROLLING\"}")));
        assertThat(hubspot("tasks").outcome().failure()).isEqualTo(ErrorReason.RATE_LIMIT);
    }
}
