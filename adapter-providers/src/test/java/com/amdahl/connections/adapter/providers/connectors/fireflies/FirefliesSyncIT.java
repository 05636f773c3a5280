package com.amdahl.connections.adapter.providers.connectors.fireflies;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.ConnectorSyncContract;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Fireflies' four GraphQL streams through whole sync runs: one endpoint told apart by the query,
 * {@code skip}/{@code limit} variables, and errors as HTTP 200 with {@code errors[]}.
 */
class FirefliesSyncIT extends ConnectorSyncContract {
    private static final String KEY = "ff-SECRET-key";
    private static final Map<String, String> FIELD = Map.of("transcripts", "transcripts(", "users", "{ users {",
            "channels", "{ channels {", "bites", "bites(");

    @Override
    protected String type() {
        return "fireflies";
    }

    @Override
    protected ConnectionId connect() {
        wm.stubFor(post(urlPathEqualTo("/graphql")).atPriority(9).withRequestBody(containing("{ user { user_id"))
                .willReturn(okJson("{\"data\":{\"user\":{\"user_id\":\"u-1\",\"email\":\"ada@acme.com\",\"name\":\"Ada\"}}}")));
        return harness.connectApiKey("fireflies", KEY);
    }

    @Override
    protected UrlPattern requestsOf(String stream) {
        return urlPathEqualTo("/graphql");
    }

    @Override
    protected MappingBuilder requestsTo(String stream) {
        return post(urlPathEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.query", containing(FIELD.get(stream))));
    }

    @Override
    protected ResponseDefinitionBuilder revoked() {
        return okJson("{\"errors\":[{\"message\":\"Invalid API key\",\"code\":\"auth_failed\",\"extensions\":{\"status\":401}}],"
                + "\"data\":null}");
    }

    @Override
    protected ResponseDefinitionBuilder rateLimited() {
        return okJson("{\"errors\":[{\"message\":\"Too many requests. Please retry after 1:00 AM (UTC)\","
                + "\"code\":\"too_many_requests\",\"extensions\":{\"status\":429}}],\"data\":null}");
    }

    @Override
    protected Map<String, Set<String>> stubEveryStream() {
        Map<String, Set<String>> served = new LinkedHashMap<>();
        served.put("transcripts", paged("transcripts", 1000, 3, FirefliesSyncIT::transcript));
        served.put("users", whole("users", 3, n -> "{\"user_id\":\"u-" + n + "\",\"email\":\"u" + n + "@acme.com\"}", "u-%d"));
        served.put("channels", whole("channels", 2, n -> "{\"id\":\"ch-" + n + "\",\"title\":\"Sales\",\"is_private\":false}", "ch-%d"));
        served.put("bites", paged("bites", 5000, 2, n -> "{\"id\":\"b" + n + "\",\"transcript_id\":\"t" + n + "\",\"name\":\"Bite\"}"));
        return served;
    }

    /** A full first page of 50 and a short second one, by {@code skip}. */
    private Set<String> paged(String stream, int firstId, int secondCount, IntFunction<String> item) {
        Set<String> ids = new LinkedHashSet<>();
        wm.stubFor(requestsTo(stream).withRequestBody(matchingJsonPath("$.variables.skip", equalTo("0")))
                .withRequestBody(matchingJsonPath("$.variables.limit", equalTo("50")))
                .willReturn(okJson(data(stream, ids, firstId, 50, item))));
        wm.stubFor(requestsTo(stream).withRequestBody(matchingJsonPath("$.variables.skip", equalTo("50")))
                .willReturn(okJson(data(stream, ids, firstId + 50, secondCount, item))));
        return ids;
    }

    /** Users and channels come in one answer: the API pages neither. */
    private Set<String> whole(String stream, int count, IntFunction<String> item, String idFormat) {
        Set<String> ids = new LinkedHashSet<>();
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < count; i++) {
            ids.add(String.format(idFormat, i));
            items.append(i == 0 ? "" : ",").append(item.apply(i));
        }
        wm.stubFor(requestsTo(stream).willReturn(okJson("{\"data\":{\"" + stream + "\":[" + items + "]}}")));
        return ids;
    }

    private static String data(String stream, Set<String> ids, int first, int count, IntFunction<String> item) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < count; i++) {
            ids.add((stream.equals("bites") ? "b" : "t") + (first + i));
            items.append(i == 0 ? "" : ",").append(item.apply(first + i));
        }
        return "{\"data\":{\"" + stream + "\":[" + items + "]}}";
    }

    private static String transcript(int n) {
        return "{\"id\":\"t" + n + "\",\"title\":\"Call " + n + "\",\"date\":" + (1_796_000_000_000L + n * 1000L)
                + ",\"duration\":31.5,\"organizer_email\":\"ada@acme.com\"}";
    }

    @Test
    void an_incremental_run_asks_for_transcripts_from_the_cursor_date_and_writes_only_those() {
        ConnectionId id = connect();
        stubEveryStream();
        harness.run();
        String cursor = harness.cursor("transcripts").orElseThrow();
        assertThat(cursor).isEqualTo(Long.toString(1_796_000_000_000L + 1052 * 1000L));
        String fromDate = java.time.Instant.ofEpochMilli(Long.parseLong(cursor)).toString();
        wm.stubFor(requestsTo("transcripts").atPriority(1).withRequestBody(matchingJsonPath("$.variables.fromDate", equalTo(fromDate)))
                .willReturn(okJson("{\"data\":{\"transcripts\":[" + transcript(1052) + "," + transcript(2000) + "]}}")));
        SyncRun second = harness.run();
        assertThat(second.streamsFailed()).isZero();
        assertThat(second.recordsWritten()).isEqualTo(2 + 3 + 2 + 52);
        assertThat(harness.records(id, "transcripts")).hasSize(54).containsKey("t2000");
        wm.verify(1, postRequestedFor(urlPathEqualTo("/graphql")).withRequestBody(matchingJsonPath("$.variables.fromDate", equalTo(fromDate))));
    }
}
