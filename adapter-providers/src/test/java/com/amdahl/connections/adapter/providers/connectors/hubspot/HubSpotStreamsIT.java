package com.amdahl.connections.adapter.providers.connectors.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.StreamHarness;
import com.amdahl.connections.adapter.providers.WireMockSupport;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HubSpot's streams against stubs in the CRM v3 shapes (list, search, owners, error bodies). */
class HubSpotStreamsIT extends WireMockSupport {
    private static final String TOKEN = "hs-SECRET-token";
    private static final Credentials CREDENTIALS = new Credentials(Map.of(Credentials.ACCESS_TOKEN, TOKEN), null);
    private StreamHarness harness;

    @BeforeEach
    void harness() {
        harness = new StreamHarness(new HubSpot(), testSettings(Map.of("CONNECTIONS_HUBSPOT_API_BASE_URL", base())));
        // nothing archived unless a test says so
        wm.stubFor(get(urlPathMatching("/crm/v3/(objects/[a-z]+|owners)")).atPriority(2)
                .withQueryParam("archived", equalTo("true")).willReturn(okJson(page(null))));
    }

    private static String contact(int id, String updatedAt) {
        return "{\"id\":\"" + id + "\",\"properties\":{\"email\":\"p" + id + "@acme.com\",\"lastmodifieddate\":\"" + updatedAt
                + "\"},\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"updatedAt\":\"" + updatedAt + "\",\"archived\":false}";
    }

    private static String page(String next, String... results) {
        return "{\"results\":[" + String.join(",", results) + "]"
                + (next == null ? "" : ",\"paging\":{\"next\":{\"after\":\"" + next + "\",\"link\":\"?after=" + next + "\"}}") + "}";
    }

    @Test
    void the_streams_are_the_catalog_streams() {
        assertThat(new HubSpot().streams()).extracting(s -> s.name())
                .containsExactly("contacts", "companies", "deals", "owners", "tasks");
    }

    @Test
    void a_first_pass_lists_every_page_and_remembers_the_latest_change() {
        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).withQueryParam("after", absent())
                .withQueryParam("limit", equalTo("100")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(page("2", contact(1, "2026-11-02T10:00:00.000Z"), contact(2, "2026-11-05T09:00:00.000Z")))));
        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).withQueryParam("after", equalTo("2"))
                .willReturn(okJson(page(null, contact(3, "2026-11-03T08:00:00.000Z")))));
        PullResult result = harness.pull("contacts", CREDENTIALS, null);
        assertThat(result.outcome().isFailure()).isFalse();
        assertThat(result.outcome().recordsWritten()).isEqualTo(3);
        assertThat(result.nextCursor()).isEqualTo("2026-11-05T09:00:00.000Z");
    }

    @Test
    void a_second_pass_searches_changes_since_the_cursor_and_writes_only_those() {
        String since = "2026-11-05T09:00:00.000Z";
        String search = "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"lastmodifieddate\",\"operator\":\"GTE\",\"value\":\""
                + since + "\"}]}],\"sorts\":[{\"propertyName\":\"lastmodifieddate\",\"direction\":\"ASCENDING\"}],\"limit\":100}";
        wm.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/search")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson(search))
                .willReturn(okJson("{\"total\":2," + page("1", contact(2, since)).substring(1))));
        wm.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/search"))
                .withRequestBody(equalToJson(search.replace(",\"limit\":100}", ",\"limit\":100,\"after\":\"1\"}")))
                .willReturn(okJson(page(null, contact(7, "2026-11-06T12:00:00.000Z")))));
        PullResult result = harness.pull("contacts", CREDENTIALS, since);
        assertThat(result.outcome().isFailure()).isFalse();
        assertThat(harness.written).containsOnlyKeys("contacts/2", "contacts/7");
        assertThat(result.nextCursor()).isEqualTo("2026-11-06T12:00:00.000Z");
        wm.verify(0, getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts")).withQueryParam("archived", absent()));
        wm.verify(2, postRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts/search")));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/crm/v3/objects/contacts")).withQueryParam("archived", equalTo("true")));
    }

    /**
     * The list endpoint with {@code archived=true} answers only archived objects, each with
     * {@code archived: true} and {@code archivedAt} (CRM v3 objects reference): after the live pass
     * each is a delete at its {@code archivedAt}, never written, and it never moves the cursor.
     */
    @Test
    void archived_objects_are_deletes_at_their_archived_at_after_the_live_pass() {
        String since = "2026-11-05T09:00:00.000Z";
        wm.stubFor(post(urlPathEqualTo("/crm/v3/objects/contacts/search"))
                .willReturn(okJson(page(null, contact(2, "2026-11-06T12:00:00.000Z")))));
        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).atPriority(1).withQueryParam("archived", equalTo("true"))
                .withQueryParam("after", absent()).withQueryParam("limit", equalTo("100"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(page("a2", archived(4, "2026-11-07T08:00:00.000Z")))));
        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).atPriority(1).withQueryParam("archived", equalTo("true"))
                .withQueryParam("after", equalTo("a2")).willReturn(okJson(page(null, archived(5, "2026-10-01T07:30:00Z")))));

        PullResult result = harness.pull("contacts", CREDENTIALS, since);

        assertThat(result.outcome().isFailure()).isFalse();
        assertThat(harness.written).as("the live change only").containsOnlyKeys("contacts/2");
        assertThat(harness.deleted).containsExactly("contacts/4", "contacts/5");
        assertThat(harness.deletedAt).containsEntry("contacts/4", Instant.parse("2026-11-07T08:00:00Z"))
                .containsEntry("contacts/5", Instant.parse("2026-10-01T07:30:00Z"));
        assertThat(result.nextCursor()).as("the live pass's cursor, not an archived object's").isEqualTo("2026-11-06T12:00:00.000Z");
    }

    @Test
    void archived_owners_are_deletes_and_a_failed_archived_listing_fails_the_stream() {
        wm.stubFor(get(urlPathEqualTo("/crm/v3/owners")).withQueryParam("archived", absent()).willReturn(okJson(
                "{\"results\":[{\"id\":\"9\",\"email\":\"owner@acme.com\",\"archived\":false}]}")));
        wm.stubFor(get(urlPathEqualTo("/crm/v3/owners")).atPriority(1).withQueryParam("archived", equalTo("true")).willReturn(okJson(
                "{\"results\":[{\"id\":\"8\",\"email\":\"gone@acme.com\",\"userId\":null,\"archived\":true}]}")));
        PullResult owners = harness.pull("owners", CREDENTIALS, null);
        assertThat(owners.outcome().isFailure()).isFalse();
        assertThat(harness.written).containsOnlyKeys("owners/9");
        assertThat(harness.deleted).containsExactly("owners/8");
        assertThat(harness.deletedAt).as("owners say no time of archiving: the store uses now").isEmpty();

        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).withQueryParam("archived", absent()).willReturn(okJson(page(null))));
        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).atPriority(1).withQueryParam("archived", equalTo("true"))
                .willReturn(aResponse().withStatus(401).withBody("{\"status\":\"error\",\"category\":\"INVALID_AUTHENTICATION\"}")));
        PullResult deals = harness.pull("deals", CREDENTIALS, null);
        assertThat(deals.outcome().failure()).isEqualTo(ErrorReason.AUTH);
        assertThat(deals.nextCursor()).isNull();
    }

    private static String archived(int id, String archivedAt) {
        return contact(id, archivedAt).replace("\"archived\":false", "\"archived\":true,\"archivedAt\":\"" + archivedAt + "\"");
    }

    @Test
    void companies_deals_and_tasks_search_on_hs_lastmodifieddate_and_owners_are_always_listed() {
        wm.stubFor(post(urlPathEqualTo("/crm/v3/objects/deals/search")).withRequestBody(equalToJson(
                "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"hs_lastmodifieddate\",\"operator\":\"GTE\",\"value\":\"t\"}]}],"
                        + "\"sorts\":[{\"propertyName\":\"hs_lastmodifieddate\",\"direction\":\"ASCENDING\"}],\"limit\":100}"))
                .willReturn(okJson(page(null))));
        PullResult deals = harness.pull("deals", CREDENTIALS, "t");
        assertThat(deals.outcome().isFailure()).isFalse();
        assertThat(deals.nextCursor()).as("an empty search keeps the cursor").isEqualTo("t");
        wm.stubFor(get(urlPathEqualTo("/crm/v3/owners")).willReturn(okJson(
                "{\"results\":[{\"id\":\"9\",\"email\":\"owner@acme.com\",\"updatedAt\":\"2026-11-01T00:00:00Z\"}]}")));
        PullResult owners = harness.pull("owners", CREDENTIALS, null);
        assertThat(owners.outcome().recordsWritten()).isEqualTo(1);
        assertThat(owners.nextCursor()).isNull();
    }

    @Test
    void an_empty_portal_is_a_clean_empty_pass() {
        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/companies")).willReturn(okJson("{\"results\":[]}")));
        PullResult result = harness.pull("companies", CREDENTIALS, null);
        assertThat(result.outcome().isFailure()).isFalse();
        assertThat(result.outcome().recordsWritten()).isZero();
        assertThat(result.nextCursor()).isNull();
    }

    @Test
    void a_rate_limit_is_waited_out_as_retry_after_says() {
        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/tasks")).inScenario("burst").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3").withBody(
                        "{\"status\":\"error\",\"message\":\"You have reached your secondly limit.\",\"errorType\":\"RATE_LIMIT\",\"policyName\":\"SECONDLY\"}"))
                .willSetStateTo("calm"));
        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/tasks")).inScenario("burst").whenScenarioStateIs("calm")
                .willReturn(okJson(page(null, "{\"id\":\"5\",\"properties\":{},\"updatedAt\":\"2026-11-01T00:00:00Z\"}"))));
        PullResult result = harness.pull("tasks", CREDENTIALS, null);
        assertThat(result.outcome().recordsWritten()).isEqualTo(1);
        assertThat(harness.sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void a_revoked_token_is_auth_a_server_error_transient_and_a_malformed_body_unknown() {
        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).willReturn(aResponse().withStatus(401).withBody(
                "{\"status\":\"error\",\"message\":\"Authentication credentials not found.\",\"category\":\"INVALID_AUTHENTICATION\"}")));
        PullResult revoked = harness.pull("contacts", CREDENTIALS, null);
        assertThat(revoked.outcome().failure()).isEqualTo(ErrorReason.AUTH);
        assertThat(revoked.outcome().failureMessage()).isEqualTo("HubSpot answered HTTP 401").doesNotContain(TOKEN);

        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/deals")).willReturn(aResponse().withStatus(502)));
        assertThat(harness.pull("deals", CREDENTIALS, null).outcome().failure()).isEqualTo(ErrorReason.TRANSIENT);
        wm.verify(2, getRequestedFor(urlPathEqualTo("/crm/v3/objects/deals"))); // one retry in the test settings

        wm.stubFor(get(urlPathEqualTo("/crm/v3/objects/companies")).willReturn(okJson("{\"results\":{\"id\":\"1\"}}")));
        PullResult malformed = harness.pull("companies", CREDENTIALS, null);
        assertThat(malformed.outcome().failure()).isEqualTo(ErrorReason.UNKNOWN);
        assertThat(malformed.nextCursor()).isNull();
    }
}
