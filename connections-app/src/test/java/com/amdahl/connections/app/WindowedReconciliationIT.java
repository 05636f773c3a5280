package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.domain.workspace.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A windowed listing is reconciled within what it spans (issue 26): X serves only a timeline's
 * newest posts, so a full pass judges the stored posts whose ids are at least the least id it
 * listed. A post gone from inside the window is deleted after two complete passes; posts that
 * merely aged out below the window stay, however many passes miss them. Over real HTTP, H2 on
 * disk and X's documented v2 shapes on WireMock.
 */
class WindowedReconciliationIT {
    private static final String V1 = "/api/platform/v1";

    @TempDir
    Path dir;
    WireMockServer x;
    TestServer app;
    String admin;

    @BeforeEach
    void start() {
        x = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        x.start();
        x.stubFor(get(urlPathEqualTo("/2/users/by/username/acme")).willReturn(okJson(
                "{\"data\":{\"id\":\"42\",\"name\":\"Acme\",\"username\":\"acme\"}}")));
        x.stubFor(get(urlPathEqualTo("/2/users/42")).willReturn(okJson(
                "{\"data\":{\"id\":\"42\",\"name\":\"Acme\",\"username\":\"acme\"}}")));
        x.stubFor(get(urlPathEqualTo("/2/users/42/mentions")).willReturn(okJson("{\"meta\":{\"result_count\":0}}")));
        Map<String, String> env = TestServer.env(dir, "http://127.0.0.1:" + x.port());
        env.put("CONNECTIONS_TWITTER_API_BASE_URL", "http://127.0.0.1:" + x.port());
        env.put("CONNECTIONS_TWITTER_BEARER_TOKEN", "x-bearer");
        env.put("CONNECTIONS_TWITTER_RATE_LIMIT", "1000000/PT1S"); // pacing has its own tests
        env.put("CONNECTIONS_RECONCILE_EVERY", "PT0.001S"); // every pass of the incremental timeline is a full one
        app = new TestServer(env, SyncSettings.defaults());
        admin = app.token("acme", "alice", Role.ADMIN, false);
    }

    @AfterEach
    void stop() {
        app.close();
        x.stop();
    }

    /** The newest posts first, as X lists a timeline. */
    private void timeline(long... ids) {
        String posts = Arrays.stream(ids).boxed().sorted((a, b) -> Long.compare(b, a))
                .map(id -> "{\"id\":\"" + id + "\",\"text\":\"post " + id + "\"}").collect(Collectors.joining(","));
        x.stubFor(get(urlPathEqualTo("/2/users/42/tweets")).willReturn(okJson("{\"data\":[" + posts
                + "],\"meta\":{\"result_count\":" + ids.length + "}}")));
    }

    private JsonNode sync(String id) {
        return app.syncAndStatus(id, admin, null);
    }

    /** post id → action, of every post the feed holds. */
    private Map<String, String> posts(String id) {
        JsonNode page = app.get(V1 + "/connections/" + id + "/records?stream=posts&limit=100", admin).json();
        Map<String, String> actions = new LinkedHashMap<>();
        page.get("records").forEach(r -> actions.put(r.get("id").asText(), r.get("action").asText()));
        return actions;
    }

    @Test
    void a_post_gone_inside_the_window_is_deleted_and_posts_that_aged_out_below_it_stay() {
        timeline(1_000, 1_001, 2_000, 2_001, 2_002);
        TestServer.Answer created = app.post(V1 + "/connections", admin,
                "{\"connector_type\":\"twitter\",\"account_handle\":\"acme\",\"external_account_id\":\"42\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().at("/connection/id").asText();
        JsonNode first = sync(id);
        assertThat(first.at("/last_run/status").asText()).as(first.toString()).isEqualTo("completed");
        assertThat(posts(id)).hasSize(5).containsValues("added");

        // 1,000 and 1,001 fall below the window (the newest posts only); 2,001 is deleted at X
        timeline(2_000, 2_002, 3_000);
        JsonNode once = sync(id);
        assertThat(once.at("/last_run/records_deleted").asInt()).as("one pass deletes nothing").isZero();
        JsonNode twice = sync(id);
        assertThat(twice.at("/last_run/records_deleted").asInt()).as(twice.toString()).isEqualTo(1);
        assertThat(posts(id)).containsEntry("2001", "deleted")
                .containsEntry("1000", "added").containsEntry("1001", "added")
                .containsEntry("2000", "added").containsEntry("2002", "added").containsEntry("3000", "added");

        timeline(3_000); // a window that lists only the newest post judges nothing older
        sync(id);
        sync(id);
        assertThat(posts(id)).as("below the least listed id: never judged").containsEntry("2000", "added")
                .containsEntry("2002", "added").containsEntry("1000", "added");
    }
}
