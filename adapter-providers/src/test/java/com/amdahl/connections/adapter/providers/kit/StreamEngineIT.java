package com.amdahl.connections.adapter.providers.kit;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.StreamHarness;
import com.amdahl.connections.adapter.providers.WireMockSupport;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.sync.ErrorReason;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared stream engine against WireMock: every paging style, parent → child, cursors, failures. */
class StreamEngineIT extends WireMockSupport {
    private static final Credentials TOKEN = new Credentials(Map.of(Credentials.ACCESS_TOKEN, "tok-SECRET"), null);

    /** A connector that exists only here: bearer auth, a dialect with its own code and one extra in-band error. */
    static final class Acme extends NamedConnector {
        Acme() {
            super("acme", "Acme", Listing.of(Category.SUPPORT, Ownership.WORKSPACE, Cadence.ONE_HOUR),
                    "https://api.acme.example", List.of(), ErrorCodes.standard()
                    .with(ErrorReason.RATE_LIMIT, "too_many_requests")
                    .extendedBy(r -> "throttled".equals(Json.textAt(r.json(), "status").orElse(null))
                            ? Optional.of(new ProviderFailures.Failure(ErrorReason.RATE_LIMIT, r.status(), null))
                            : Optional.empty()));
        }

        @Override
        public AuthMethod authMethod() {
            return AuthMethod.OAUTH_REDIRECT;
        }

        @Override
        public HttpRequest.Builder authorize(HttpRequest.Builder request, Credentials credentials) {
            return request.header("Authorization", "Bearer " + credentials.get(Credentials.ACCESS_TOKEN).orElseThrow());
        }
    }

    private StreamHarness harness;

    @BeforeEach
    void harness() {
        harness = new StreamHarness(new Acme(), testSettings(Map.of("CONNECTIONS_ACME_API_BASE_URL", base())));
    }

    private PullResult pull(StreamSpec spec) {
        return harness.pull(spec, TOKEN, null);
    }

    private PullResult pull(StreamSpec spec, String cursor) {
        return harness.pull(spec, TOKEN, cursor);
    }

    private static String items(int first, int count) {
        return IntStream.range(first, first + count).mapToObj(i -> "{\"id\":" + i + ",\"updated\":\"2026-01-0" + (i % 9 + 1) + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    @Test
    void offset_paging_without_a_flag_stops_at_a_short_page() {
        wm.stubFor(get(urlPathEqualTo("/items")).withQueryParam("offset", equalTo("0")).withQueryParam("limit", equalTo("2"))
                .withHeader("Authorization", equalTo("Bearer tok-SECRET")).willReturn(okJson("{\"items\":" + items(1, 2) + "}")));
        wm.stubFor(get(urlPathEqualTo("/items")).withQueryParam("offset", equalTo("2")).willReturn(okJson("{\"items\":" + items(3, 2) + "}")));
        wm.stubFor(get(urlPathEqualTo("/items")).withQueryParam("offset", equalTo("4")).willReturn(okJson("{\"items\":" + items(5, 1) + "}")));
        PullResult result = pull(StreamSpec.get("items", "/items").records("items").paging(Paging.offset("offset", "limit", 2)));
        assertThat(result.outcome().isFailure()).isFalse();
        assertThat(result.outcome().recordsWritten()).isEqualTo(5);
        assertThat(harness.pages).containsExactly(2, 2, 1);
        assertThat(harness.heartbeats).isEqualTo(3);
    }

    @Test
    void a_body_cursor_is_sent_back_until_the_has_more_flag_is_false() {
        wm.stubFor(get(urlPathEqualTo("/pages")).withQueryParam("start_cursor", absent())
                .willReturn(okJson("{\"results\":" + items(1, 2) + ",\"has_more\":true,\"next_cursor\":\"c2\"}")));
        wm.stubFor(get(urlPathEqualTo("/pages")).withQueryParam("start_cursor", equalTo("c2"))
                .willReturn(okJson("{\"results\":" + items(3, 1) + ",\"has_more\":false,\"next_cursor\":\"c3\"}")));
        PullResult result = pull(StreamSpec.get("pages", "/pages").records("results")
                .paging(Paging.cursor("start_cursor", "next_cursor").whileTrue("has_more")));
        assertThat(result.outcome().recordsWritten()).isEqualTo(3);
        wm.verify(2, getRequestedFor(urlPathEqualTo("/pages")));
    }

    @Test
    void a_cursor_in_a_header_and_page_numbers_page_too() {
        wm.stubFor(get(urlPathEqualTo("/h")).withQueryParam("cursor", absent())
                .willReturn(okJson(items(1, 2)).withHeader("X-Next-Cursor", "n2")));
        wm.stubFor(get(urlPathEqualTo("/h")).withQueryParam("cursor", equalTo("n2")).willReturn(okJson(items(3, 1))));
        assertThat(pull(StreamSpec.get("h", "/h").paging(Paging.cursorHeader("cursor", "X-Next-Cursor")))
                .outcome().recordsWritten()).isEqualTo(3);

        wm.stubFor(get(urlPathEqualTo("/n")).withQueryParam("page", equalTo("1")).withQueryParam("per_page", equalTo("2"))
                .willReturn(okJson("{\"calls\":" + items(1, 2) + "}")));
        wm.stubFor(get(urlPathEqualTo("/n")).withQueryParam("page", equalTo("2")).willReturn(okJson("{\"calls\":[]}")));
        PullResult numbered = pull(StreamSpec.get("n", "/n").records("calls").paging(Paging.pageNumber("page", 1, "per_page", 2)));
        assertThat(numbered.outcome().recordsWritten()).isEqualTo(2);
        assertThat(numbered.outcome().isFailure()).isFalse();
    }

    @Test
    void link_headers_and_next_urls_are_followed_on_the_same_origin() {
        wm.stubFor(get(urlPathEqualTo("/l")).withQueryParam("page", absent()).willReturn(okJson(items(1, 1))
                .withHeader("Link", "<" + base() + "/l?page=2>; rel=\"next\", <" + base() + "/l?page=9>; rel=\"last\"")));
        wm.stubFor(get(urlPathEqualTo("/l")).withQueryParam("page", equalTo("2")).willReturn(okJson(items(2, 1))));
        assertThat(pull(StreamSpec.get("l", "/l").paging(Paging.linkHeader())).outcome().recordsWritten()).isEqualTo(2);

        wm.stubFor(get(urlPathEqualTo("/services/data/v60.0/query")).willReturn(okJson("{\"records\":" + items(1, 2)
                + ",\"done\":false,\"nextRecordsUrl\":\"/services/data/v60.0/query/01g-2000\"}")));
        wm.stubFor(get(urlPathEqualTo("/services/data/v60.0/query/01g-2000")).willReturn(okJson(
                "{\"records\":" + items(3, 1) + ",\"done\":true}")));
        assertThat(pull(StreamSpec.get("accounts", "/services/data/v60.0/query").param("q", "SELECT Id FROM Account")
                .records("records").paging(Paging.nextUrl("nextRecordsUrl"))).outcome().recordsWritten()).isEqualTo(3);
    }

    @Test
    void a_next_url_on_another_origin_fails_the_stream_and_the_token_never_goes_there() {
        wm.stubFor(get(urlPathEqualTo("/calls")).willReturn(okJson("{\"calls\":" + items(1, 1)
                + ",\"meta\":{\"next_page_link\":\"https://evil.example/calls?page=2\"}}")));
        PullResult result = pull(StreamSpec.get("calls", "/calls").records("calls").paging(Paging.nextUrl("meta.next_page_link")));
        assertThat(result.outcome().failure()).isEqualTo(ErrorReason.UNKNOWN);
        assertThat(result.outcome().recordsWritten()).isEqualTo(1);
    }

    @Test
    void a_graphql_cursor_travels_in_the_variables() {
        wm.stubFor(post(urlPathEqualTo("/graphql")).withRequestBody(equalToJson("{\"query\":\"q\",\"variables\":{\"first\":2}}"))
                .willReturn(okJson("{\"data\":{\"items\":{\"nodes\":" + items(1, 2) + ",\"pageInfo\":{\"hasNextPage\":true,\"endCursor\":\"e2\"}}}}")));
        wm.stubFor(post(urlPathEqualTo("/graphql")).withRequestBody(equalToJson("{\"query\":\"q\",\"variables\":{\"first\":2,\"after\":\"e2\"}}"))
                .willReturn(okJson("{\"data\":{\"items\":{\"nodes\":" + items(3, 1) + ",\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":\"e3\"}}}}")));
        PullResult result = pull(StreamSpec.graphql("items", "/graphql", "q").param("first", 2).records("data.items.nodes")
                .paging(Paging.cursor("after", "data.items.pageInfo.endCursor").whileTrue("data.items.pageInfo.hasNextPage")));
        assertThat(result.outcome().recordsWritten()).isEqualTo(3);
    }

    @Test
    void graphql_errors_with_http_200_and_a_connector_dialect_are_failures() {
        wm.stubFor(post(urlPathEqualTo("/graphql")).willReturn(okJson(
                "{\"data\":null,\"errors\":[{\"message\":\"Too many requests\",\"code\":\"too_many_requests\"}]}")));
        assertThat(pull(StreamSpec.graphql("t", "/graphql", "q").records("data.t")).outcome().failure())
                .isEqualTo(ErrorReason.RATE_LIMIT);
        wm.stubFor(get(urlPathEqualTo("/d")).willReturn(okJson("{\"status\":\"throttled\"}")));
        assertThat(pull(StreamSpec.get("d", "/d").records("items")).outcome().failure()).isEqualTo(ErrorReason.RATE_LIMIT);
        assertThat(harness.sleeps).hasSize(6); // each waited out three times with the default pause
    }

    @Test
    void a_child_stream_runs_per_parent_and_skips_a_parent_that_vanished() {
        wm.stubFor(get(urlPathEqualTo("/channels")).willReturn(okJson("{\"channels\":[{\"id\":\"C1\"},{\"id\":\"C2\"},{\"id\":\"C3\"}]}")));
        wm.stubFor(get(urlPathEqualTo("/channels/C1/messages")).willReturn(okJson("{\"messages\":[{\"ts\":\"1.1\"},{\"ts\":\"1.2\"}]}")));
        wm.stubFor(get(urlPathEqualTo("/channels/C2/messages")).willReturn(aResponse().withStatus(404)));
        wm.stubFor(get(urlPathEqualTo("/channels/C3/messages")).willReturn(okJson("{\"messages\":[{\"ts\":\"3.1\"}]}")));
        StreamSpec channels = StreamSpec.get("channels", "/channels").records("channels");
        PullResult result = pull(StreamSpec.get("messages", "/channels/{parent_id}/messages").records("messages").id("ts")
                .childOf(channels));
        assertThat(result.outcome().isFailure()).isFalse();
        assertThat(harness.written).containsOnlyKeys("messages/1.1", "messages/1.2", "messages/3.1");
    }

    @Test
    void a_child_stream_may_bind_parent_ids_in_batches() {
        wm.stubFor(get(urlPathEqualTo("/v2/calls")).willReturn(okJson("{\"calls\":[{\"id\":\"1\"},{\"id\":\"2\"},{\"id\":\"3\"}]}")));
        wm.stubFor(post(urlPathEqualTo("/v2/calls/transcript")).withRequestBody(equalToJson("{\"filter\":{\"callIds\":[\"1\",\"2\"]}}"))
                .willReturn(okJson("{\"callTranscripts\":[{\"callId\":\"1\"},{\"callId\":\"2\"}]}")));
        wm.stubFor(post(urlPathEqualTo("/v2/calls/transcript")).withRequestBody(equalToJson("{\"filter\":{\"callIds\":[\"3\"]}}"))
                .willReturn(okJson("{\"callTranscripts\":[{\"callId\":\"3\"}]}")));
        StreamSpec calls = StreamSpec.get("calls", "/v2/calls").records("calls");
        PullResult result = pull(StreamSpec.post("transcripts", "/v2/calls/transcript", "{}").records("callTranscripts").id("callId")
                .childOf(calls, 2, (request, ids) -> request.withBodyField("filter",
                        PageRequest.json("{\"callIds\":" + ids.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(",", "[", "]")) + "}"))));
        assertThat(result.outcome().recordsWritten()).isEqualTo(3);
    }

    @Test
    void an_incremental_cursor_is_the_greatest_record_value_and_a_stored_one_is_sent() {
        StreamSpec spec = StreamSpec.get("items", "/items").records("items").incremental(Incremental.byRecordField("updated", "since"));
        wm.stubFor(get(urlPathEqualTo("/items")).withQueryParam("since", absent()).willReturn(okJson("{\"items\":" + items(1, 3) + "}")));
        PullResult first = pull(spec);
        assertThat(first.nextCursor()).isEqualTo("2026-01-04");

        wm.stubFor(get(urlPathEqualTo("/items")).withQueryParam("since", equalTo("2026-01-04"))
                .willReturn(okJson("{\"items\":[{\"id\":2,\"updated\":\"2026-01-07\"}]}")));
        harness.written.clear();
        PullResult second = pull(spec, first.nextCursor());
        assertThat(harness.written).containsOnlyKeys("items/2");
        assertThat(second.nextCursor()).isEqualTo("2026-01-07");

        wm.stubFor(get(urlPathEqualTo("/items")).withQueryParam("since", equalTo("2026-01-07")).willReturn(okJson("{\"items\":[]}")));
        assertThat(pull(spec, "2026-01-07").nextCursor()).as("no change keeps the cursor").isEqualTo("2026-01-07");
    }

    @Test
    void numeric_cursors_compare_as_numbers_and_a_last_page_value_may_be_the_cursor() {
        wm.stubFor(get(urlPathEqualTo("/tweets")).willReturn(okJson("{\"data\":[{\"id\":\"998\"},{\"id\":\"1002\"}]}")));
        assertThat(pull(StreamSpec.get("posts", "/tweets").records("data").incremental(Incremental.byRecordField("id", "since_id")))
                .nextCursor()).isEqualTo("1002");

        wm.stubFor(get(urlPathEqualTo("/delta")).withQueryParam("token", absent()).willReturn(okJson(
                "{\"value\":[{\"id\":\"m1\"}],\"@odata.deltaLink\":\"" + base() + "/delta?token=d1\"}")));
        StreamSpec delta = StreamSpec.get("messages", "/delta").records("value")
                .incremental(Incremental.fromLastPage("@odata.deltaLink", (full, link) -> full.request(r -> r.withUrl(link))));
        PullResult first = pull(delta);
        assertThat(first.nextCursor()).isEqualTo(base() + "/delta?token=d1");
        wm.stubFor(get(urlPathEqualTo("/delta")).withQueryParam("token", equalTo("d1")).willReturn(okJson(
                "{\"value\":[{\"id\":\"m2\"}],\"@odata.deltaLink\":\"" + base() + "/delta?token=d2\"}")));
        assertThat(pull(delta, first.nextCursor()).nextCursor()).isEqualTo(base() + "/delta?token=d2");
    }

    @Test
    void a_page_that_points_at_itself_is_malformed_not_an_endless_loop() {
        wm.stubFor(get(urlPathEqualTo("/loop")).willReturn(okJson("{\"items\":" + items(1, 1) + ",\"next\":\"same\"}")));
        wm.stubFor(get(urlPathEqualTo("/loop")).withQueryParam("c", equalTo("same"))
                .willReturn(okJson("{\"items\":" + items(1, 1) + ",\"next\":\"same\"}")));
        PullResult result = pull(StreamSpec.get("loop", "/loop").records("items").paging(Paging.cursor("c", "next")));
        assertThat(result.outcome().failure()).isEqualTo(ErrorReason.UNKNOWN);
        wm.verify(2, getRequestedFor(urlPathEqualTo("/loop")));
    }

    @Test
    void records_without_ids_or_of_the_wrong_shape_are_malformed() {
        wm.stubFor(get(urlPathEqualTo("/a")).willReturn(okJson("{\"items\":[{\"name\":\"no id\"}]}")));
        assertThat(pull(StreamSpec.get("a", "/a").records("items")).outcome().failure()).isEqualTo(ErrorReason.UNKNOWN);
        wm.stubFor(get(urlPathEqualTo("/b")).willReturn(okJson("{\"items\":[1,2]}")));
        assertThat(pull(StreamSpec.get("b", "/b").records("items")).outcome().failure()).isEqualTo(ErrorReason.UNKNOWN);
        wm.stubFor(get(urlPathEqualTo("/c")).willReturn(aResponse().withStatus(200).withBody("<html>")));
        PullResult html = pull(StreamSpec.get("c", "/c").records("items"));
        assertThat(html.outcome().failure()).isEqualTo(ErrorReason.UNKNOWN);
        assertThat(html.outcome().failureMessage()).isEqualTo("Acme answered a body that is not a c page");
        assertThat(List.of(harness.written.size())).containsExactly(0);
    }

    @Test
    void a_hand_written_stream_uses_the_same_run_for_requests_failures_and_records() {
        wm.stubFor(get(urlPathEqualTo("/odd")).willReturn(okJson("{\"rows\":{\"a\":{\"v\":1},\"b\":{\"v\":2}}}")));
        Stream odd = new Stream() {
            @Override
            public String name() {
                return "odd";
            }

            @Override
            public PullResult pull(StreamRun run) {
                run.checkAlive();
                HttpCore.Response response = run.fetch(PageRequest.get("/odd"));
                Optional<ProviderFailures.Failure> failure = run.failureOf(response);
                if (failure.isPresent()) {
                    return run.failed(0, failure.get());
                }
                List<com.amdahl.connections.application.port.out.RecordSink.SyncedRecord> records = new java.util.ArrayList<>();
                response.json().path("rows").fields().forEachRemaining(e -> records.add(
                        new com.amdahl.connections.application.port.out.RecordSink.SyncedRecord(e.getKey(), e.getValue().toString())));
                return run.succeeded(run.write(records), null);
            }
        };
        PullResult result = harness.pull(odd, TOKEN, null);
        assertThat(result.outcome().recordsWritten()).isEqualTo(2);
        assertThat(harness.written).containsOnlyKeys("odd/a", "odd/b");
        wm.verify(getRequestedFor(urlPathEqualTo("/odd")).withHeader("Authorization", equalTo("Bearer tok-SECRET")));
    }
}
