package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.domain.workspace.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The records feed (CONTRACT 10) over real HTTP, H2 on disk and Pipedrive's documented shapes on
 * WireMock: paging to the end, resuming from a stored cursor after a second sync returns exactly
 * what changed, one stream, the per-stream counts, and who may read it.
 */
class RecordsFeedIT {
    private static final String V1 = "/api/platform/v1";
    private static final String KEY = "pd-feed-key";

    @TempDir
    Path dir;
    PipedriveStub provider;
    TestServer app;
    String admin;

    @BeforeEach
    void start() {
        provider = new PipedriveStub(KEY);
        app = new TestServer(TestServer.env(dir, provider.origin()), SyncSettings.defaults());
        admin = app.token("acme", "alice", Role.ADMIN, false);
        stream("persons", "{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bob\"},{\"id\":3,\"name\":\"Cy\"}");
        stream("deals", "{\"id\":10,\"title\":\"Big\"},{\"id\":11,\"title\":\"Small\"}");
    }

    @AfterEach
    void stop() {
        app.close();
        provider.close();
    }

    private void stream(String name, String items) {
        provider.stream(name, items);
    }

    private String syncedPipedrive(String name) {
        return PipedriveStub.connected(app, admin, KEY, name);
    }

    private JsonNode records(String id, String query, String token) {
        TestServer.Answer answer = app.get(V1 + "/connections/" + id + "/records" + query, token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** The server again, letting notification endpoints be plain http on loopback (the test's receiver). */
    private void restartNotifyingLoopback() {
        app.close();
        java.util.Map<String, String> env = TestServer.env(dir, provider.origin());
        env.put("CONNECTIONS_NOTIFY_ALLOW_HTTP", "true");
        env.put("CONNECTIONS_NOTIFY_ALLOW_PRIVATE", "true");
        app = new TestServer(env, SyncSettings.defaults());
        admin = app.token("acme", "alice", Role.ADMIN, false);
    }

    private void subscribeToRecordsChanged(Receiver receiver) {
        TestServer.Answer endpoint = app.post(V1 + "/notification-endpoints", admin,
                "{\"url\":\"" + receiver.url() + "/hook\",\"events\":[\"records.changed\"]}");
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
    }

    private static String q(String cursor) {
        return URLEncoder.encode(cursor, StandardCharsets.UTF_8);
    }

    @Test
    void pages_to_the_end_then_a_stored_cursor_returns_exactly_what_changed_since() {
        String id = syncedPipedrive("Acme CRM");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        boolean more = true;
        while (more) {
            JsonNode page = records(id, "?limit=2" + (cursor == null ? "" : "&cursor=" + q(cursor)), admin);
            assertThat(page.get("records").size()).isLessThanOrEqualTo(2);
            page.get("records").forEach(r -> seen.add(r.get("stream").asText() + "/" + r.get("id").asText()));
            cursor = page.get("next_cursor").asText();
            more = page.get("has_more").asBoolean();
        }
        assertThat(seen).containsExactlyInAnyOrder("persons/1", "persons/2", "persons/3", "deals/10", "deals/11");
        JsonNode first = records(id, "?stream=persons&limit=1", admin).get("records").get(0);
        assertThat(first.get("action").asText()).isEqualTo("added");
        assertThat(first.get("parent_id").isNull()).isTrue();
        assertThat(first.get("deleted_at").isNull()).isTrue();
        assertThat(first.get("first_seen_at").asText()).isEqualTo(first.get("last_modified_at").asText());
        assertThat(first.get("data").isObject()).as("the provider's JSON object, not a string").isTrue();
        assertThat(first.at("/data/name").asText()).isEqualTo("Ann");

        JsonNode caughtUp = records(id, "?cursor=" + q(cursor), admin);
        assertThat(caughtUp.get("records")).isEmpty();
        assertThat(caughtUp.get("has_more").asBoolean()).isFalse();
        assertThat(caughtUp.get("next_cursor").asText()).as("resumable even when nothing is new").isEqualTo(cursor);

        stream("persons", "{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bobby\"},{\"id\":3,\"name\":\"Cy\"}");
        assertThat(app.post(V1 + "/connections/" + id + "/sync", admin, null).status()).isEqualTo(202);
        app.tickAndDrain();
        JsonNode run = app.get(V1 + "/connections/" + id + "/status", admin).json().get("last_run");
        assertThat(run.get("records_updated").asInt()).isEqualTo(1);
        assertThat(run.get("records_unchanged").asInt()).isEqualTo(4);
        assertThat(run.get("records_written").asInt()).isEqualTo(1);

        JsonNode since = records(id, "?cursor=" + q(cursor), admin);
        assertThat(since.get("records")).hasSize(1);
        JsonNode changed = since.get("records").get(0);
        assertThat(changed.get("stream").asText() + "/" + changed.get("id").asText()).isEqualTo("persons/2");
        assertThat(changed.get("action").asText()).isEqualTo("updated");
        assertThat(changed.at("/data/name").asText()).isEqualTo("Bobby");

        assertThat(records(id, "?stream=deals", admin).get("records")).extracting(r -> r.get("id").asText())
                .containsExactlyInAnyOrder("10", "11");
        JsonNode streams = app.get(V1 + "/connections/" + id + "/records/streams", admin).json().get("streams");
        assertThat(streams).extracting(s -> s.get("stream").asText() + "=" + s.get("records").asInt() + "/"
                + s.get("deleted").asInt()).containsExactly("deals=2/0", "persons=3/0");
    }

    @Test
    void who_may_read_records_and_what_a_bad_cursor_or_limit_gets() {
        String id = syncedPipedrive("Acme CRM");
        String other = syncedPipedrive("Other CRM");
        String readOnly = app.token("acme", "alice", Role.ADMIN, true);
        TestServer.Answer noScope = app.get(V1 + "/connections/" + id + "/records", readOnly);
        assertThat(noScope.status()).isEqualTo(403);
        assertThat(noScope.json().at("/error/code").asText()).isEqualTo("insufficient_scope");
        String recordsOnly = app.runtime.app.administration().createToken("acme", "alice", Set.of("records:read"));
        assertThat(records(id, "", recordsOnly).get("records")).hasSize(5);
        String member = app.token("acme", "bob", Role.MEMBER, false);
        assertThat(records(id, "", member).get("records")).as("a workspace connection: every member").hasSize(5);

        String stranger = app.token("globex", "eve", Role.ADMIN, false);
        TestServer.Answer foreign = app.get(V1 + "/connections/" + id + "/records", stranger);
        TestServer.Answer missing = app.get(V1 + "/connections/" + UUID.randomUUID() + "/records", stranger);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(missing.body());

        String otherCursor = records(other, "?limit=1", admin).get("next_cursor").asText();
        for (String bad : List.of("abc", "%%%", otherCursor)) {
            TestServer.Answer refused = app.get(V1 + "/connections/" + id + "/records?cursor=" + q(bad), admin);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().at("/error/details/cursor").isMissingNode()).as(refused.body()).isFalse();
        }
        assertThat(app.get(V1 + "/connections/" + id + "/records?limit=0", admin).status()).isEqualTo(400);
        assertThat(app.get(V1 + "/connections/" + id + "/records?limit=abc", admin).status()).isEqualTo(400);
        assertThat(records(id, "?limit=5000", admin).get("records")).as("capped at 1000, not refused").hasSize(5);

        assertThat(app.call("DELETE", V1 + "/connections/" + id, admin, null).status()).isEqualTo(200);
        assertThat(records(id, "", admin).get("records")).as("a disconnected connection's records stay readable")
                .hasSize(5);
    }

    /**
     * Consumers need not poll: an embedder's listener hears each committed page that changed
     * records, and an endpoint subscribed to {@code records.changed} gets one event per run that
     * changed something, with a cursor from which the feed returns exactly that run's changes.
     */
    @Test
    void a_listener_hears_each_committed_page_and_records_changed_names_where_the_run_starts() throws Exception {
        restartNotifyingLoopback();
        List<com.amdahl.connections.application.port.in.ReadRecords.CommittedPage> pages =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        app.runtime.app.records().whenCommitted(pages::add);
        try (Receiver receiver = new Receiver();
                var worker = app.runtime.app.startNotificationWorker(1, java.time.Duration.ofMillis(50))) {
            subscribeToRecordsChanged(receiver);
            String id = syncedPipedrive("Acme CRM");
            assertThat(pages).extracting(p -> p.stream() + "=" + p.counts().added())
                    .containsExactlyInAnyOrder("persons=3", "deals=2");

            stream("persons", "{\"id\":1,\"name\":\"Ann\"},{\"id\":2,\"name\":\"Bobby\"},{\"id\":3,\"name\":\"Cy\"}");
            app.post(V1 + "/connections/" + id + "/sync", admin, null);
            app.tickAndDrain();
            assertThat(pages).hasSize(3);
            assertThat(pages.get(2).counts().updated()).isEqualTo(1);

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> receiver.received().size() == 2);
            JsonNode second = TestServer.JSON.readTree(receiver.received().get(1).body());
            assertThat(second.get("type").asText()).isEqualTo("records.changed");
            assertThat(second.at("/data/records_updated").asInt()).isEqualTo(1);
            assertThat(second.at("/data/streams").toString()).as("per stream: only the one that changed")
                    .isEqualTo("[{\"stream\":\"persons\",\"records_added\":0,\"records_updated\":1,\"records_deleted\":0}]");
            JsonNode changes = records(id, "?cursor=" + q(second.at("/data/cursor").asText()), admin);
            assertThat(changes.get("records")).extracting(r -> r.get("stream").asText() + "/" + r.get("id").asText())
                    .as("exactly what the run changed").containsExactly("persons/2");
            JsonNode first = TestServer.JSON.readTree(receiver.received().get(0).body());
            assertThat(first.at("/data/streams")).extracting(s -> s.get("stream").asText() + "="
                    + s.get("records_added").asInt()).containsExactly("deals=2", "persons=3");
            assertThat(records(id, "?cursor=" + q(first.at("/data/cursor").asText()), admin).get("records"))
                    .as("the first run's cursor: everything since it, each record once").hasSize(5);
        }
    }

    /**
     * An erasure takes positions while a run is between two pages: the run's records.changed
     * cursor still starts before the run's first change, so a consumer reading from it misses
     * nothing the run wrote (the erasure's tombstone comes along, which is no loss).
     */
    @Test
    void records_changed_starts_before_the_run_even_when_an_erasure_lands_between_its_pages() throws Exception {
        restartNotifyingLoopback();
        stream("persons", "{\"id\":1,\"name\":\"Ann\",\"email\":\"ann@acme.test\"},{\"id\":2,\"name\":\"Bob\"}");
        try (Receiver receiver = new Receiver();
                var worker = app.runtime.app.startNotificationWorker(1, java.time.Duration.ofMillis(50))) {
            subscribeToRecordsChanged(receiver);
            String id = syncedPipedrive("Acme CRM");

            stream("persons", "{\"id\":1,\"name\":\"Ann\",\"email\":\"ann@acme.test\"},{\"id\":2,\"name\":\"Bobby\"}");
            stream("deals", "{\"id\":10,\"title\":\"Bigger\"},{\"id\":11,\"title\":\"Small\"}");
            java.util.concurrent.atomic.AtomicReference<TestServer.Answer> erased = new java.util.concurrent.atomic.AtomicReference<>();
            Runnable stopListening = app.runtime.app.records().whenCommitted(page -> {
                if (erased.get() == null) { // after the run's first committed page, before its second
                    erased.set(app.post(V1 + "/records/erasure", admin, "{\"subject\":\"ann@acme.test\"}"));
                }
            });
            app.post(V1 + "/connections/" + id + "/sync", admin, null);
            app.tickAndDrain();
            stopListening.run();
            assertThat(erased.get().status()).as(erased.get().body()).isEqualTo(200);

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> receiver.received().size() == 2);
            JsonNode second = TestServer.JSON.readTree(receiver.received().get(1).body());
            assertThat(second.at("/data/records_updated").asInt()).isEqualTo(2);
            JsonNode changes = records(id, "?cursor=" + q(second.at("/data/cursor").asText()), admin);
            assertThat(changes.get("records")).extracting(r -> r.get("stream").asText() + "/" + r.get("id").asText()
                    + "/" + r.get("action").asText())
                    .as("both of the run's changes, and the erasure's tombstone between them")
                    .containsExactlyInAnyOrder("persons/2/updated", "deals/10/updated", "persons/1/deleted");
        }
    }
}
