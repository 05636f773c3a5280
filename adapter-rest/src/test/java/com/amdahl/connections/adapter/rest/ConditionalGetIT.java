package com.amdahl.connections.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.rest.RestHarness.Answer;
import com.amdahl.connections.domain.workspace.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ETags and 304s over real HTTP: every read carries a tag, a matching If-None-Match gets 304
 * without a body, and a 304 is never stale — a write, a rename, a run finishing and a connection
 * turning stale by the clock alone each change the tag of every read that shows them.
 */
class ConditionalGetIT {
    private static final String API = "/api/platform/v1";
    private final RestHarness http = new RestHarness();
    private final String admin = http.token("acme", "alice", Role.ADMIN);

    @AfterEach
    void stop() {
        http.close();
    }

    private String connect(String name) {
        Answer answer = http.post(API + "/connections", admin,
                "{\"connector_type\":\"pipedrive\",\"api_key\":\"good\",\"name\":\"" + name + "\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().path("connection").path("id").asText();
    }

    private Answer conditional(String path, String etag) {
        return http.send(http.request(path, admin).header("If-None-Match", etag).GET());
    }

    /** The tag now; asserts that the previous tag (if any) no longer matches and the new one does. */
    private String tagAfterChange(String path, String previous) {
        Answer fresh = http.get(path, admin);
        assertThat(fresh.status()).as(path + ": " + fresh).isEqualTo(200);
        String etag = fresh.header("ETag");
        assertThat(etag).as("ETag of " + path).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(fresh.header("Cache-Control")).isEqualTo("private, no-cache");
        if (previous != null) {
            assertThat(etag).as(path + " changed").isNotEqualTo(previous);
            Answer stale = conditional(path, previous);
            assertThat(stale.status()).as(path + " with the old tag").isEqualTo(200);
            assertThat(stale.body()).isEqualTo(fresh.body());
        }
        Answer notModified = conditional(path, etag);
        assertThat(notModified.status()).as(path + " with its tag").isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.header("ETag")).isEqualTo(etag);
        return etag;
    }

    @Test
    void every_read_answers_304_to_its_tag_and_a_changed_tag_after_each_kind_of_change() {
        String id = connect("first");
        List<String> reads = List.of(API + "/connections", API + "/connections?limit=1", API + "/connections/" + id,
                API + "/connections/" + id + "/status", API + "/connections/" + id + "/runs",
                API + "/connections/" + id + "/events");
        List<String> tags = new ArrayList<>();
        for (String read : reads) {
            tags.add(tagAfterChange(read, null));
        }

        // A run finishing changes every read of the connection.
        var engine = http.ports.app.syncEngine();
        engine.dispatchDue(100).forEach(engine::execute);
        for (int i = 0; i < reads.size(); i++) {
            tags.set(i, tagAfterChange(reads.get(i), tags.get(i)));
        }

        // A rename: everything that shows the name (runs and status do not: their tags hold).
        assertThat(http.patch(API + "/connections/" + id, admin, "{\"name\":\"renamed\"}").status()).isEqualTo(200);
        for (int i = 0; i < reads.size(); i++) {
            if (reads.get(i).endsWith("/runs") || reads.get(i).endsWith("/status")) {
                assertThat(conditional(reads.get(i), tags.get(i)).status()).as(reads.get(i) + " unchanged").isEqualTo(304);
            } else {
                tags.set(i, tagAfterChange(reads.get(i), tags.get(i)));
            }
        }

        // Stale by the clock alone: the list, the connection and its status, with no write at all.
        http.ports.clock.advance(Duration.ofHours(49));
        for (int i = 0; i < 4; i++) {
            tags.set(i, tagAfterChange(reads.get(i), tags.get(i)));
        }
        assertThat(http.get(API + "/connections/" + id + "/status", admin).json().path("health").asText())
                .isEqualTo("stale");

        // A new connection changes the list (and the first page: it sorts first).
        connect("second");
        tagAfterChange(reads.get(0), tags.get(0));
        tagAfterChange(reads.get(1), tags.get(1));
    }

    @Test
    void the_catalog_is_tagged_per_filter_and_if_none_match_takes_lists_weak_tags_and_star() {
        String catalog = tagAfterChange(API + "/connections/catalog", null);
        String crm = tagAfterChange(API + "/connections/catalog?category=crm", null);
        assertThat(crm).isNotEqualTo(catalog);
        assertThat(conditional(API + "/connections/catalog", "\"other\", W/" + catalog).status()).isEqualTo(304);
        assertThat(conditional(API + "/connections/catalog", "*").status()).isEqualTo(304);
        assertThat(conditional(API + "/connections/catalog", "\"other\"").status()).isEqualTo(200);
    }

    @Test
    void pages_walk_the_list_with_next_cursor_and_refuse_a_forged_cursor() {
        for (int i = 0; i < 5; i++) {
            connect("c" + i);
            http.ports.clock.advance(Duration.ofSeconds(1));
        }
        List<String> seen = new ArrayList<>();
        String path = API + "/connections?limit=2";
        for (int page = 0; page < 10 && path != null; page++) {
            Answer answer = http.get(path, admin);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            answer.json().path("connections").forEach(c -> seen.add(c.path("name").asText()));
            var next = answer.json().path("next_cursor");
            path = next.isNull() ? null : API + "/connections?limit=2&cursor=" + next.asText();
        }
        assertThat(seen).containsExactly("c4", "c3", "c2", "c1", "c0");
        assertThat(http.get(API + "/connections", admin).json().has("next_cursor")).as("no paging asked").isFalse();
        Answer forged = http.get(API + "/connections?limit=2&cursor=forged", admin);
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.errorCode()).isEqualTo("validation_failed");
        assertThat(forged.json().path("error").path("details").has("cursor")).isTrue();
        assertThat(http.get(API + "/connections?limit=0", admin).errorCode()).isEqualTo("validation_failed");
    }
}
