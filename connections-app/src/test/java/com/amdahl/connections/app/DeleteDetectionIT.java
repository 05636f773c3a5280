package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.domain.workspace.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delete detection by reconciliation (issue 26) over real HTTP, H2 on disk and Pipedrive's
 * documented list shapes on WireMock (its records carry no update_time here, so every pass is a
 * full one): one pass missing a record deletes nothing, two do; a pass that fails decides
 * nothing; a record listed again comes back; a mass delete is held, said on the status, and
 * applied only when an admin confirms. A native signal (Pipedrive's deleted deals) deletes in one pass.
 */
class DeleteDetectionIT {
    private static final String V1 = "/api/platform/v1";
    private static final String KEY = "pd-delete-key";

    @TempDir
    Path dir;
    PipedriveStub provider;
    TestServer app;
    String admin;
    String member;

    @BeforeEach
    void start() {
        provider = new PipedriveStub(KEY);
        app = new TestServer(TestServer.env(dir, provider.origin()), SyncSettings.defaults());
        admin = app.token("acme", "alice", Role.ADMIN, false);
        member = app.token("acme", "bob", Role.MEMBER, false);
        stream("persons", PipedriveStub.people(1, 3));
    }

    @AfterEach
    void stop() {
        app.close();
        provider.close();
    }


    private void stream(String name, String items) {
        provider.stream(name, items);
    }

    private String connected() {
        return PipedriveStub.connected(app, admin, KEY, "Acme CRM");
    }

    private JsonNode sync(String id, String body) {
        return app.syncAndStatus(id, admin, body);
    }

    /** stream/id → action, of every record the feed holds. */
    private Map<String, String> actions(String id) {
        JsonNode page = app.get(V1 + "/connections/" + id + "/records?limit=1000", admin).json();
        Map<String, String> actions = new LinkedHashMap<>();
        page.get("records").forEach(r -> actions.put(r.get("stream").asText() + "/" + r.get("id").asText(),
                r.get("action").asText()));
        return actions;
    }

    @Test
    void two_complete_passes_without_a_record_delete_it_a_failed_pass_decides_nothing_and_it_can_come_back() {
        String id = connected();
        stream("persons", PipedriveStub.people(1, 2));
        JsonNode once = sync(id, null);
        assertThat(once.at("/last_run/records_deleted").asInt()).as("one short listing deletes nothing").isZero();
        assertThat(actions(id)).containsEntry("persons/3", "added");

        provider.server.stubFor(get(urlPathEqualTo("/v1/persons")).willReturn(serverError()));
        JsonNode failed = sync(id, null);
        assertThat(failed.at("/last_run/streams_failed").asInt()).isEqualTo(1);
        assertThat(actions(id)).as("a failed pass decides nothing").containsEntry("persons/3", "added");

        stream("persons", PipedriveStub.people(1, 2));
        JsonNode twice = sync(id, null);
        assertThat(twice.at("/last_run/records_deleted").asInt()).as(twice.toString()).isEqualTo(1);
        assertThat(twice.at("/last_run/records_written").asInt()).isEqualTo(1);
        assertThat(twice.get("health").asText()).isEqualTo("healthy");
        JsonNode gone = app.get(V1 + "/connections/" + id + "/records?stream=persons", admin).json().get("records")
                .get(2);
        assertThat(gone.get("id").asText()).isEqualTo("3");
        assertThat(gone.get("action").asText()).isEqualTo("deleted");
        assertThat(gone.get("deleted_at").isNull()).isFalse();
        assertThat(gone.at("/data/name").asText()).as("the payload stays until retention purges it").isEqualTo("P3");
        assertThat(actions(id)).containsEntry("persons/1", "added").containsEntry("persons/2", "added");

        stream("persons", PipedriveStub.people(1, 3));
        JsonNode back = sync(id, null);
        assertThat(back.at("/last_run/records_updated").asInt()).isEqualTo(1);
        assertThat(actions(id)).containsEntry("persons/3", "updated");
    }

    /**
     * A native signal needs no second pass: a deal Pipedrive lists as deleted ({@code GET /v1/deals?status=deleted})
     * is {@code action: deleted} in the feed after the first pass that sees it; the other deals stay.
     */
    @Test
    void a_deal_pipedrive_lists_as_deleted_is_deleted_in_the_feed_on_the_next_pass() {
        stream("deals", "{\"id\":7,\"title\":\"Renewal\"},{\"id\":8,\"title\":\"Upsell\"}");
        String id = connected();
        assertThat(actions(id)).containsEntry("deals/7", "added").containsEntry("deals/8", "added");

        stream("deals", "{\"id\":7,\"title\":\"Renewal\"}");
        PipedriveStub.deletedDeals(provider.server, "{\"id\":8,\"title\":\"Upsell\",\"status\":\"deleted\",\"deleted\":true}");
        JsonNode next = sync(id, null);
        assertThat(next.at("/last_run/records_deleted").asInt()).as(next.toString()).isEqualTo(1);
        assertThat(next.at("/last_run/deletes_held").asInt()).isZero();
        assertThat(actions(id)).containsEntry("deals/8", "deleted").containsEntry("deals/7", "added");
        JsonNode deal = app.get(V1 + "/connections/" + id + "/records?stream=deals", admin).json().get("records").get(1);
        assertThat(deal.get("id").asText()).isEqualTo("8");
        assertThat(deal.get("deleted_at").isNull()).isFalse();
    }

    @Test
    void a_mass_delete_is_held_said_on_the_status_and_applied_when_an_admin_confirms() {
        stream("persons", PipedriveStub.people(1, 80));
        String id = connected();
        assertThat(actions(id)).hasSize(80);
        stream("persons", PipedriveStub.people(1, 10)); // 70 of 80 vanish: more than 20% and more than 50
        sync(id, null);
        JsonNode held = sync(id, null);
        assertThat(held.at("/last_run/status").asText()).isEqualTo("completed");
        assertThat(held.at("/last_run/deletes_held").asInt()).isEqualTo(70);
        assertThat(held.at("/last_run/records_deleted").asInt()).isZero();
        assertThat(held.get("health").asText()).isEqualTo("degraded");
        assertThat(held.get("last_error").asText()).contains("deletes held (70 in persons)").contains("confirm_deletes");
        assertThat(app.get(V1 + "/connections/" + id, admin).json().at("/health_detail/reason").asText())
                .contains("held 70 delete(s)");
        assertThat(actions(id).values()).containsOnly("added");

        TestServer.Answer refused = app.post(V1 + "/connections/" + id + "/sync", member, "{\"confirm_deletes\":true}");
        assertThat(refused.status()).as(refused.body()).isIn(403, 404);
        TestServer.Answer bad = app.post(V1 + "/connections/" + id + "/sync", admin, "{\"confirm_deletes\":\"yes\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("confirm_deletes");

        JsonNode confirmed = sync(id, "{\"confirm_deletes\":true}");
        assertThat(confirmed.at("/last_run/records_deleted").asInt()).isEqualTo(70);
        assertThat(confirmed.at("/last_run/deletes_held").asInt()).isZero();
        assertThat(confirmed.get("health").asText()).isEqualTo("healthy");
        assertThat(confirmed.get("last_error").isNull()).isTrue();
        assertThat(actions(id).values().stream().filter("deleted"::equals).count()).isEqualTo(70);

        JsonNode quiet = sync(id, null);
        assertThat(quiet.at("/last_run/records_deleted").asInt()).as("the confirmation held for one pass").isZero();
    }

    @Test
    void a_later_pass_that_lists_the_records_again_clears_the_held_deletes() {
        stream("persons", PipedriveStub.people(1, 80));
        String id = connected();
        stream("persons", "");
        sync(id, null);
        assertThat(sync(id, null).at("/last_run/deletes_held").asInt()).isEqualTo(80);
        stream("persons", PipedriveStub.people(1, 80));
        JsonNode back = sync(id, null);
        assertThat(back.at("/last_run/deletes_held").asInt()).isZero();
        assertThat(back.get("health").asText()).isEqualTo("healthy");
        assertThat(actions(id).values()).containsOnly("added");
    }
}
