package com.amdahl.connections.adapter.providers.connectors.granola;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.providers.ConnectorSyncContract;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Granola's notes, folders and per-note transcripts through whole sync runs, against stubs in the v1 shapes. */
class GranolaSyncIT extends ConnectorSyncContract {
    private static final String KEY = "grn_SECRET";

    @Override
    protected String type() {
        return "granola";
    }

    @Override
    protected ConnectionId connect() {
        wm.stubFor(get(urlPathEqualTo("/v1/notes")).atPriority(9).withQueryParam("page_size", equalTo("1"))
                .willReturn(okJson("{\"notes\":[],\"hasMore\":false,\"cursor\":null}")));
        return harness.connectApiKey("granola", KEY);
    }

    @Override
    protected UrlPattern requestsOf(String stream) {
        return stream.equals("transcripts") ? urlPathMatching("/v1/notes/.+") : urlPathEqualTo("/v1/" + stream);
    }

    @Override
    protected String malformedStream() {
        return "folders"; // notes are the transcripts' parent
    }

    @Override
    protected Map<String, Set<String>> stubEveryStream() {
        Map<String, Set<String>> served = new LinkedHashMap<>();
        served.put("notes", twoPages("notes", List.of("not_1", "not_2", "not_3"), List.of("not_4", "not_5"), GranolaSyncIT::note));
        served.put("folders", twoPages("folders", List.of("fol_1", "fol_2"), List.of("fol_3"),
                id -> "{\"id\":\"" + id + "\",\"object\":\"folder\",\"name\":\"Folder " + id + "\",\"parent_folder_id\":null}"));
        for (String id : served.get("notes")) {
            wm.stubFor(get(urlPathEqualTo("/v1/notes/" + id)).withQueryParam("include", equalTo("transcript"))
                    .withHeader("Authorization", equalTo("Bearer " + KEY)).willReturn(okJson(withTranscript(id))));
        }
        served.put("transcripts", new LinkedHashSet<>(served.get("notes")));
        return served;
    }

    private Set<String> twoPages(String stream, List<String> first, List<String> second,
            java.util.function.Function<String, String> item) {
        wm.stubFor(get(urlPathEqualTo("/v1/" + stream)).withQueryParam("cursor", absent()).withQueryParam("page_size", equalTo("30"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)).willReturn(okJson(page(stream, first, "cur-2", item))));
        wm.stubFor(get(urlPathEqualTo("/v1/" + stream)).withQueryParam("cursor", equalTo("cur-2"))
                .willReturn(okJson(page(stream, second, null, item))));
        Set<String> ids = new LinkedHashSet<>(first);
        ids.addAll(second);
        return ids;
    }

    private static String page(String array, List<String> ids, String cursor, java.util.function.Function<String, String> item) {
        return "{\"" + array + "\":[" + String.join(",", ids.stream().map(item).toList()) + "],\"hasMore\":" + (cursor != null)
                + ",\"cursor\":" + (cursor == null ? "null" : "\"" + cursor + "\"") + "}";
    }

    private static String note(String id) {
        return "{\"id\":\"" + id + "\",\"object\":\"note\",\"title\":\"Sync " + id + "\",\"created_at\":\"2026-11-01T09:00:00Z\","
                + "\"updated_at\":\"2026-11-0" + id.charAt(4) + "T10:00:00Z\",\"summary_text\":\"…\"}";
    }

    private static String withTranscript(String id) {
        return note(id).replace("}", ",\"transcript\":[{\"speaker\":{\"source\":\"microphone\"},\"text\":\"Hello\"}]}");
    }

    @Test
    void a_transcript_is_the_note_with_its_transcript_and_a_vanished_note_is_skipped() {
        ConnectionId id = connect();
        stubEveryStream();
        wm.stubFor(get(urlPathEqualTo("/v1/notes/not_2")).atPriority(1).willReturn(notFound()
                .withBody("{\"error\":\"not_found\"}")));
        SyncRun run = harness.run();
        assertThat(run.streamsFailed()).isZero();
        assertThat(harness.records(id, "transcripts")).doesNotContainKey("not_2").hasSize(4);
        assertThat(harness.records(id, "transcripts").get("not_3")).contains("\"transcript\":[");
    }

    @Test
    void an_incremental_run_asks_for_notes_updated_after_the_cursor_and_fetches_only_their_transcripts() {
        ConnectionId id = connect();
        stubEveryStream();
        harness.run();
        String since = harness.cursor("notes").orElseThrow();
        assertThat(since).isEqualTo("2026-11-05T10:00:00Z");
        assertThat(harness.cursor("transcripts")).contains(since);
        wm.stubFor(get(urlPathEqualTo("/v1/notes")).atPriority(1).withQueryParam("updated_after", equalTo(since))
                .willReturn(okJson(page("notes", List.of("not_7"), null, GranolaSyncIT::note))));
        wm.stubFor(get(urlPathEqualTo("/v1/notes/not_7")).willReturn(okJson(withTranscript("not_7"))));
        SyncRun second = harness.run();
        assertThat(second.streamsFailed()).isZero();
        assertThat(second.recordsWritten()).isEqualTo(1 + 3 + 1);
        assertThat(harness.records(id, "notes")).hasSize(6);
        assertThat(harness.records(id, "transcripts")).hasSize(6).containsKey("not_7");
        wm.verify(2, getRequestedFor(urlPathEqualTo("/v1/notes")).withQueryParam("updated_after", equalTo(since)));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/v1/notes/not_1")));
    }
}
