package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.domain.workspace.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Removing records on purpose (issue 26) over real HTTP, H2 on disk and Pipedrive on WireMock:
 * erasure of a data subject (counts only, tombstones in the feed, the next sync suppresses the
 * subject, the address in no answer or log line), an admin's purge of a connection (audited),
 * and retention of deleted payloads (the tombstone stays).
 */
class RecordRemovalIT {
    private static final String V1 = "/api/platform/v1";
    private static final String KEY = "pd-removal-key";
    private static final String ANN = "ann.subject@acme-example.com";

    @TempDir
    Path dir;
    PipedriveStub provider;
    TestServer app;
    String admin;
    String member;
    String id;

    @BeforeEach
    void start() {
        provider = new PipedriveStub(KEY);
        Map<String, String> env = TestServer.env(dir, provider.origin());
        env.put("CONNECTIONS_DELETED_RECORD_RETENTION", "PT0.001S");
        app = new TestServer(env, SyncSettings.defaults());
        admin = app.token("acme", "alice", Role.ADMIN, false);
        member = app.token("acme", "bob", Role.MEMBER, false);
        provider.stream("persons", "{\"id\":1,\"email\":[{\"value\":\"" + ANN.toUpperCase() + "\"}]},"
                + "{\"id\":2,\"email\":[{\"value\":\"jo" + ANN + "\"}]},{\"id\":3,\"name\":\"Cy\"}");
        provider.stream("deals", "{\"id\":10,\"title\":\"Ann's deal\",\"person\":\"" + ANN + "\"}");
        id = PipedriveStub.connected(app, admin, KEY, "Acme CRM");
    }

    @AfterEach
    void stop() {
        app.close();
        provider.close();
    }

    private JsonNode feed(String query) {
        return app.get(V1 + "/connections/" + id + "/records" + query, admin).json();
    }

    @Test
    void erasure_answers_counts_only_tombstones_the_records_and_the_next_sync_stores_none_of_them() throws Exception {
        TestServer.Answer byMember = app.post(V1 + "/records/erasure", member, "{\"subject\":\"" + ANN + "\"}");
        assertThat(byMember.status()).isEqualTo(403);
        for (String bad : new String[] {"{}", "{\"subject\":\"not an address\"}", "{\"subject\":7}",
                "{\"subject\":\"a@b.com c@d.com\"}"}) {
            TestServer.Answer refused = app.post(V1 + "/records/erasure", admin, bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().at("/error/details/subject").isMissingNode()).as(refused.body()).isFalse();
        }

        TestServer.Answer erased = app.post(V1 + "/records/erasure", admin, "{\"subject\":\" " + ANN + " \"}");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.body()).doesNotContainIgnoringCase(ANN).doesNotContain("Cy");
        assertThat(erased.json().get("records").asInt()).isEqualTo(2);
        assertThat(erased.json().at("/connections/0/connection_id").asText()).isEqualTo(id);
        assertThat(erased.json().at("/connections/0/streams").toString())
                .isEqualTo("[{\"stream\":\"deals\",\"records\":1},{\"stream\":\"persons\",\"records\":1}]");

        JsonNode persons = feed("?stream=persons").get("records");
        JsonNode tombstone = persons.get(persons.size() - 1);
        assertThat(tombstone.get("id").asText()).isEqualTo("1");
        assertThat(tombstone.get("action").asText()).isEqualTo("deleted");
        assertThat(tombstone.get("data").isNull()).isTrue();
        assertThat(tombstone.get("purged").asText()).isEqualTo("erasure");
        assertThat(persons.get(0).at("/data/email/0/value").asText()).as("joann@… is another person")
                .isEqualTo("jo" + ANN);
        JsonNode events = app.get(V1 + "/connections/" + id + "/events", admin).json().get("events");
        assertThat(events.get(0).get("type").asText()).isEqualTo("records_erased");
        assertThat(events.get(0).toString()).doesNotContainIgnoringCase(ANN);

        assertThat(app.post(V1 + "/connections/" + id + "/sync", admin, null).status()).isEqualTo(202);
        app.tickAndDrain();
        JsonNode run = app.get(V1 + "/connections/" + id + "/status", admin).json().get("last_run");
        assertThat(run.get("records_suppressed").asInt()).as(run.toString()).isEqualTo(2);
        JsonNode after = feed("?stream=persons").get("records");
        assertThat(after).extracting(r -> r.get("id").asText() + ":" + r.get("purged").asText())
                .as("the subject's record stays a tombstone").contains("1:erasure");
        assertThat(after.toString().toLowerCase().replace("jo" + ANN, "")).doesNotContain(ANN);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                assertThat(Files.readString(log)).doesNotContainIgnoringCase(ANN);
            }
        }
    }

    @Test
    void an_admin_purges_a_connections_records_audited_and_retention_drops_deleted_payloads_only() throws Exception {
        provider.stream("persons", "{\"id\":3,\"name\":\"Cy\"}");
        app.post(V1 + "/connections/" + id + "/sync", admin, null);
        app.tickAndDrain();
        app.post(V1 + "/connections/" + id + "/sync", admin, null);
        app.tickAndDrain(); // two complete passes without 1 and 2: deleted
        // CONNECTIONS_DELETED_RECORD_RETENTION=PT0.001S: housekeeping purges them as soon as they are that old
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            app.runtime.app.syncEngine().purgeHistory();
            return feed("?stream=persons").toString().contains("\"purged\":\"retention\"");
        });
        JsonNode persons = feed("?stream=persons").get("records");
        assertThat(persons).extracting(r -> r.get("id").asText() + ":" + r.get("action").asText() + ":"
                + r.get("purged").asText() + ":" + r.get("data").isNull())
                .containsExactly("3:added:null:false", "1:deleted:retention:true", "2:deleted:retention:true");

        assertThat(app.call("DELETE", V1 + "/connections/" + id + "/records", member, null).status()).isEqualTo(403);
        assertThat(app.call("DELETE", V1 + "/connections/00000000-0000-4000-8000-000000000000/records", admin, null)
                .status()).isEqualTo(404);
        TestServer.Answer purged = app.call("DELETE", V1 + "/connections/" + id + "/records", admin, null);
        assertThat(purged.status()).as(purged.body()).isEqualTo(200);
        assertThat(purged.json().get("purged").asInt()).isEqualTo(4);
        assertThat(feed("").get("records")).isEmpty();
        JsonNode event = app.get(V1 + "/connections/" + id + "/events", admin).json().at("/events/0");
        assertThat(event.get("type").asText()).isEqualTo("records_purged");
        assertThat(event.toString()).contains("\"records\":4");
    }
}
