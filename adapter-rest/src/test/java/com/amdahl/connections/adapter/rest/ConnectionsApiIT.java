package com.amdahl.connections.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.rest.RestHarness.Answer;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.workspace.Role;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Happy paths of every route, over real HTTP. */
class ConnectionsApiIT {
    private static final String API = "/api/platform/v1";
    private final RestHarness http = new RestHarness();
    private final String admin = http.token("acme", "alice", Role.ADMIN);

    @AfterEach
    void stop() {
        http.close();
    }

    private String connectApiKey(String type, String name) {
        Answer answer = http.post(API + "/connections", admin,
                "{\"connector_type\":\"" + type + "\",\"api_key\":\"key-123\",\"name\":\"" + name + "\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().path("connection").path("id").asText();
    }

    @Test
    void healthz_and_openapi_need_no_token() {
        Answer health = http.get("/healthz", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"ok\":true}");
        Answer doc = http.get(API + "/openapi.json", null);
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.header("Content-Type")).startsWith("application/json");
        assertThat(doc.json().path("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void catalog_lists_every_connector_and_filters_by_category() {
        Answer all = http.get(API + "/connections/catalog", admin);
        assertThat(all.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        all.json().path("connectors").forEach(c -> types.add(c.path("type").asText()));
        assertThat(types).contains("hubspot", "gmail", "twitter", "circleback", "notion_knowledge_sync");
        JsonNode circleback = find(all.json().path("connectors"), "type", "circleback");
        assertThat(fieldNames(circleback)).containsExactly("type", "name", "category", "auth_method", "ownership",
                "direction", "kind", "default_scope", "streams", "default_cadence", "connectable",
                "not_connectable_reason", "syncable", "notes");
        assertThat(circleback.path("syncable").asBoolean()).as("coming soon never syncs").isFalse();
        assertThat(circleback.path("connectable").asBoolean()).isFalse();
        assertThat(circleback.path("not_connectable_reason").asText()).isEqualTo("coming_soon");
        assertThat(find(all.json().path("connectors"), "type", "fireflies").path("notes").asText())
                .contains("Business");
        JsonNode pipedrive = find(all.json().path("connectors"), "type", "pipedrive");
        assertThat(pipedrive.path("credential_fields").toString())
                .isEqualTo("[{\"name\":\"api_key\",\"label\":\"API key\",\"secret\":true,\"hint\":null}]");
        assertThat(pipedrive.path("credential_separator").isNull()).as("one field is the key itself").isTrue();

        Answer social = http.get(API + "/connections/catalog?category=social", admin);
        List<String> socialTypes = new ArrayList<>();
        social.json().path("connectors").forEach(c -> socialTypes.add(c.path("type").asText()));
        assertThat(socialTypes).containsExactlyInAnyOrder("twitter", "linkedin");

        Answer bad = http.get(API + "/connections/catalog?category=nope", admin);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("invalid_category");
    }

    @Test
    void an_api_key_connect_answers_201_with_the_connection_in_the_contract_shape() {
        Answer answer = http.post(API + "/connections", admin,
                "{\"connector_type\":\"pipedrive\",\"api_key\":\"key-123\",\"name\":\"Acme Pipedrive\"}");
        assertThat(answer.status()).isEqualTo(201);
        JsonNode body = answer.json();
        assertThat(fieldNames(body)).containsExactly("mode", "connection");
        assertThat(body.path("mode").asText()).isEqualTo("connected");
        JsonNode c = body.path("connection");
        assertThat(fieldNames(c)).containsExactly("id", "kind", "connector_type", "name", "status", "scope",
                "last_synced_at", "last_error", "is_syncing", "health", "health_detail", "last_run", "owner_user_id",
                "connected_by_user_id", "account", "credentials", "created_at", "available_actions");
        assertThat(c.path("available_actions").toString())
                .isEqualTo("[\"sync\",\"full_refresh\",\"pause\",\"test\",\"rename\",\"disconnect\"]");
        assertThat(c.path("kind").asText()).isEqualTo("first_party");
        assertThat(c.path("status").asText()).isEqualTo("connected");
        assertThat(c.path("scope").asText()).isEqualTo("business");
        assertThat(c.path("last_run").isNull()).isTrue();
        assertThat(c.path("last_synced_at").isNull()).isTrue();
        assertThat(c.path("owner_user_id").isNull()).isTrue();
        assertThat(c.path("connected_by_user_id").asText()).isEqualTo("alice");
        assertThat(c.path("account").path("external_account_id").asText()).isEqualTo("org-pipedrive");
        assertThat(c.path("created_at").asText()).isEqualTo("2026-11-26T12:00:00Z");
        assertThat(fieldNames(c.path("health_detail"))).containsExactly("reason", "since", "next_action");
        assertThat(answer.body()).doesNotContain("key-123");
    }

    @Test
    void an_oauth_connect_answers_the_authorize_url_and_a_pending_connection() {
        Answer answer = http.post(API + "/connections", admin,
                "{\"connector_type\":\"hubspot\",\"return_to\":\"https://console.amdahl.test/acme/connections\"}");
        assertThat(answer.status()).isEqualTo(201);
        assertThat(fieldNames(answer.json())).containsExactly("mode", "authorize_url", "connection");
        assertThat(answer.json().path("mode").asText()).isEqualTo("oauth_redirect");
        assertThat(answer.json().path("authorize_url").asText()).startsWith("https://provider.test/hubspot/authorize");
        assertThat(answer.json().path("connection").path("status").asText()).isEqualTo("pending");
        assertThat(answer.json().path("connection").path("health_detail").path("next_action").asText())
                .isEqualTo("wait");
    }

    @Test
    void a_webhook_connect_shows_the_url_and_secret_once() {
        Answer answer = http.post(API + "/connections", admin, "{\"connector_type\":\"test_webhook\"}");
        assertThat(answer.status()).isEqualTo(201);
        assertThat(fieldNames(answer.json())).containsExactly("mode", "webhook_url", "signing_secret", "connection");
        assertThat(answer.json().path("mode").asText()).isEqualTo("webhook");
        assertThat(answer.json().path("signing_secret").asText()).startsWith("whsec_");
        String id = answer.json().path("connection").path("id").asText();
        assertThat(http.get(API + "/connections/" + id, admin).body()).doesNotContain("whsec_");
    }

    @Test
    void a_handle_connect_carries_the_social_fields_and_a_second_one_is_already_connected() {
        String body = "{\"connector_type\":\"twitter\",\"account_handle\":\"@acme\","
                + "\"external_account_id\":\"1234567890\",\"display_name\":\"Acme\",\"followers\":4200}";
        Answer first = http.post(API + "/connections", admin, body);
        assertThat(first.status()).isEqualTo(201);
        JsonNode c = first.json().path("connection");
        assertThat(c.path("handle").asText()).isEqualTo("acme");
        assertThat(c.path("display_name").asText()).isEqualTo("Acme");
        assertThat(c.path("avatar_url").asText()).isEqualTo("https://img.test/acme.png");

        Answer second = http.post(API + "/connections", admin, body);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("mode").asText()).isEqualTo("already_connected");
        assertThat(second.json().path("existing_id").asText()).isEqualTo(c.path("id").asText());
        assertThat(fieldNames(second.json())).containsExactly("mode", "existing_id");
    }

    @Test
    void resolve_handle_answers_the_account_or_404() {
        Answer found = http.get(API + "/connections/resolve-handle?connector_type=twitter&handle=acme", admin);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).isEqualTo("{\"external_account_id\":\"1234567890\",\"handle\":\"acme\","
                + "\"display_name\":\"Acme\",\"avatar_url\":\"https://img.test/acme.png\",\"followers\":4200}");
        Answer missing = http.get(API + "/connections/resolve-handle?connector_type=twitter&handle=nobody", admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("handle_not_found");
    }

    @Test
    void list_get_and_status_render_the_same_connection() {
        String older = connectApiKey("pipedrive", "First");
        http.ports.clock.advance(Duration.ofMinutes(1));
        String newer = connectApiKey("fathom", "Second");

        Answer list = http.get(API + "/connections", admin);
        assertThat(list.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().path("connections").forEach(c -> ids.add(c.path("id").asText()));
        assertThat(ids).containsExactly(newer, older);

        Answer one = http.get(API + "/connections/" + older, admin);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json()).isEqualTo(list.json().path("connections").get(1));

        Answer status = http.get(API + "/connections/" + older + "/status", admin);
        assertThat(status.status()).isEqualTo(200);
        assertThat(fieldNames(status.json())).containsExactly("id", "status", "health", "is_syncing",
                "last_synced_at", "last_error", "last_run");
        assertThat(status.json().path("health").asText()).isEqualTo("healthy");
    }

    @Test
    void sync_answers_202_and_a_second_one_is_skipped_locked() {
        String id = connectApiKey("pipedrive", "P");
        Answer first = http.post(API + "/connections/" + id + "/sync", admin, null);
        assertThat(first.status()).isEqualTo(202);
        assertThat(fieldNames(first.json())).containsExactly("sync_run_id", "status");
        assertThat(first.json().path("status").asText()).isEqualTo("pending");
        Answer second = http.post(API + "/connections/" + id + "/sync", admin, null);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().path("status").asText()).isEqualTo("skipped_locked");

        Answer runs = http.get(API + "/connections/" + id + "/runs", admin);
        assertThat(runs.status()).isEqualTo(200);
        assertThat(runs.json().path("runs")).hasSize(2);
        assertThat(fieldNames(runs.json().path("runs").get(0))).containsExactly("id", "status", "triggered_by",
                "started_at", "finished_at", "streams_total", "streams_failed", "records_written", "records_added",
                "records_updated", "records_deleted", "records_unchanged", "records_skipped", "deletes_held",
                "records_suppressed", "error_reason");
        assertThat(http.get(API + "/connections/" + id + "/runs?limit=1", admin).json().path("runs")).hasSize(1);
        assertThat(http.get(API + "/connections/" + id + "/runs?limit=1000", admin).status()).isEqualTo(200);
    }

    @Test
    void full_refresh_takes_a_boolean_and_only_from_admins() {
        String id = connectApiKey("pipedrive", "P");
        for (String bad : List.of("{\"full_refresh\":\"yes\"}", "{\"full_refresh\":1}", "{\"full_refresh\":{}}")) {
            Answer refused = http.post(API + "/connections/" + id + "/sync", admin, bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("validation_failed");
            assertThat(refused.json().path("error").path("details").path("full_refresh").asText()).isEqualTo("must be a boolean");
        }
        assertThat(http.get(API + "/connections/" + id + "/runs", admin).json().path("runs")).isEmpty();
        Answer full = http.post(API + "/connections/" + id + "/sync", admin, "{\"full_refresh\":true}");
        assertThat(full.status()).isEqualTo(202);
        assertThat(full.json().path("status").asText()).isEqualTo("pending");
        assertThat(http.post(API + "/connections/" + id + "/sync", admin, "{\"full_refresh\":false}").json()
                .path("status").asText()).isEqualTo("skipped_locked");
        String bob = http.token("acme", "bob", Role.MEMBER);
        JsonNode seenByBob = http.get(API + "/connections/" + id, bob).json();
        assertThat(seenByBob.path("available_actions").isEmpty()).as("a member manages no workspace connection").isTrue();
        assertThat(http.post(API + "/connections/" + id + "/sync", bob, "{\"full_refresh\":true}").errorCode())
                .isEqualTo("forbidden");
    }

    @Test
    void last_run_shows_a_finished_run() {
        String id = connectApiKey("pipedrive", "P");
        String runId = http.post(API + "/connections/" + id + "/sync", admin, null).json().path("sync_run_id").asText();
        WorkspaceId acme = new WorkspaceId("acme");
        http.ports.app.syncRuns().begin(acme, new RunId(runId));
        http.ports.clock.advance(Duration.ofMinutes(2));
        http.ports.app.syncRuns().finish(acme, new RunId(runId), RunResult.of(List.of(
                StreamOutcome.succeeded("deals", 10), StreamOutcome.succeeded("persons", 5))));

        JsonNode c = http.get(API + "/connections/" + id, admin).json();
        assertThat(c.path("last_synced_at").asText()).isEqualTo("2026-11-26T12:02:00Z");
        JsonNode run = c.path("last_run");
        assertThat(run.path("id").asText()).isEqualTo(runId);
        assertThat(run.path("status").asText()).isEqualTo("completed");
        assertThat(run.path("triggered_by").asText()).isEqualTo("manual");
        assertThat(run.path("streams_total").asInt()).isEqualTo(2);
        assertThat(run.path("records_written").asLong()).isEqualTo(15);
        assertThat(run.path("error_reason").isNull()).isTrue();
        assertThat(http.get(API + "/connections/" + id + "/status", admin).json().path("last_run")).isEqualTo(run);
    }

    @Test
    void patch_renames_and_answers_updated() {
        String id = connectApiKey("pipedrive", "P");
        Answer answer = http.patch(API + "/connections/" + id, admin, "{\"name\":\"Acme (prod)\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(fieldNames(answer.json())).containsExactly("updated", "connection");
        assertThat(answer.json().path("updated").asBoolean()).isTrue();
        assertThat(answer.json().path("connection").path("name").asText()).isEqualTo("Acme (prod)");
    }

    @Test
    void patch_re_attributes_a_personal_connection_to_another_member() {
        http.token("acme", "bob", Role.MEMBER);
        String id = http.post(API + "/connections", admin, "{\"connector_type\":\"gmail\"}")
                .json().path("connection").path("id").asText();
        Answer answer = http.patch(API + "/connections/" + id, admin, "{\"owner_user_id\":\"bob\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("connection").path("owner_user_id").asText()).isEqualTo("bob");

        Answer stranger = http.patch(API + "/connections/" + id, admin, "{\"owner_user_id\":\"nobody\"}");
        assertThat(stranger.status()).isEqualTo(422);
        assertThat(stranger.errorCode()).isEqualTo("owner_not_member");

        Answer renameOnly = http.patch(API + "/connections/" + id, admin, "{\"name\":\"Bob's Gmail\"}");
        assertThat(renameOnly.json().path("connection").path("owner_user_id").asText()).isEqualTo("bob");
        Answer cleared = http.patch(API + "/connections/" + id, admin, "{\"owner_user_id\":null}");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().path("connection").path("owner_user_id").isNull()).isTrue();
    }

    @Test
    void patch_of_an_owner_on_a_workspace_connection_is_not_applicable_even_when_clearing() {
        String id = connectApiKey("pipedrive", "P");
        for (String body : List.of("{\"owner_user_id\":\"alice\"}", "{\"owner_user_id\":null}")) {
            Answer answer = http.patch(API + "/connections/" + id, admin, body);
            assertThat(answer.status()).as(body).isEqualTo(422);
            assertThat(answer.errorCode()).isEqualTo("owner_not_applicable");
        }
        Answer absent = http.patch(API + "/connections/" + id, admin, "{\"name\":\"Renamed\"}");
        assertThat(absent.status()).isEqualTo(200);
    }

    @Test
    void pause_resume_disconnect_and_reconnect() {
        String id = connectApiKey("pipedrive", "P");
        Answer paused = http.post(API + "/connections/" + id + "/pause", admin, null);
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().path("status").asText()).isEqualTo("paused");
        assertThat(paused.json().path("health_detail").path("next_action").asText()).isEqualTo("resume");
        Answer syncWhilePaused = http.post(API + "/connections/" + id + "/sync", admin, null);
        assertThat(syncWhilePaused.status()).isEqualTo(409);
        assertThat(syncWhilePaused.errorCode()).isEqualTo("connection_not_syncable");
        Answer resumed = http.post(API + "/connections/" + id + "/resume", admin, "");
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().path("status").asText()).isEqualTo("connected");

        Answer healthy = http.post(API + "/connections/" + id + "/reconnect", admin, "{\"api_key\":\"key-2\"}");
        assertThat(healthy.status()).isEqualTo(409);
        assertThat(healthy.errorCode()).isEqualTo("connection_healthy");

        Answer gone = http.delete(API + "/connections/" + id, admin);
        assertThat(gone.status()).isEqualTo(200);
        assertThat(gone.body()).isEqualTo("{\"disconnected\":true,\"id\":\"" + id + "\"}");
        assertThat(http.delete(API + "/connections/" + id, admin).body()).isEqualTo(gone.body());
        Answer pauseGone = http.post(API + "/connections/" + id + "/pause", admin, null);
        assertThat(pauseGone.status()).isEqualTo(409);
        assertThat(pauseGone.errorCode()).isEqualTo("invalid_transition");

        Answer badKey = http.post(API + "/connections/" + id + "/reconnect", admin, "{\"api_key\":\"bad-key\"}");
        assertThat(badKey.status()).isEqualTo(422);
        assertThat(badKey.errorCode()).isEqualTo("invalid_credentials");
        Answer providerDown = http.post(API + "/connections/" + id + "/reconnect", admin, "{\"api_key\":\"down\"}");
        assertThat(providerDown.status()).isEqualTo(502);
        assertThat(providerDown.errorCode()).isEqualTo("provider_unavailable");

        Answer back = http.post(API + "/connections/" + id + "/reconnect", admin, "{\"api_key\":\"key-2\"}");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().path("mode").asText()).isEqualTo("connected");
        assertThat(back.json().path("connection").path("id").asText()).isEqualTo(id);
        assertThat(back.json().path("connection").path("status").asText()).isEqualTo("connected");

        Answer events = http.get(API + "/connections/" + id + "/events", admin);
        assertThat(events.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        events.json().path("events").forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).contains("connected", "paused", "resumed", "disconnected", "reconnected");
        assertThat(fieldNames(events.json().path("events").get(0)))
                .containsExactly("id", "type", "at", "actor_user_id", "details");
        assertThat(http.get(API + "/connections/" + id + "/events?limit=2", admin).json().path("events")).hasSize(2);
    }

    @Test
    void an_oauth_reconnect_answers_200_with_a_fresh_authorize_url() {
        String id = http.post(API + "/connections", admin, "{\"connector_type\":\"hubspot\"}")
                .json().path("connection").path("id").asText();
        Answer answer = http.post(API + "/connections/" + id + "/reconnect", admin, null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("mode").asText()).isEqualTo("oauth_redirect");
        assertThat(answer.json().path("connection").path("id").asText()).isEqualTo(id);
    }

    @Test
    void connect_refusals_carry_their_codes() {
        Answer unknown = http.post(API + "/connections", admin, "{\"connector_type\":\"myspace\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("unknown_connector_type");
        Answer comingSoon = http.post(API + "/connections", admin, "{\"connector_type\":\"circleback\"}");
        assertThat(comingSoon.status()).isEqualTo(422);
        assertThat(comingSoon.errorCode()).isEqualTo("connector_not_connectable");
        Answer badKey = http.post(API + "/connections", admin, "{\"connector_type\":\"fathom\",\"api_key\":\"bad\"}");
        assertThat(badKey.status()).isEqualTo(422);
        assertThat(badKey.errorCode()).isEqualTo("invalid_credentials");
        Answer noHandle = http.post(API + "/connections", admin,
                "{\"connector_type\":\"twitter\",\"account_handle\":\"nobody\",\"external_account_id\":\"1\"}");
        assertThat(noHandle.status()).isEqualTo(422);
        assertThat(noHandle.errorCode()).isEqualTo("handle_not_found");
        Answer mismatch = http.post(API + "/connections", admin,
                "{\"connector_type\":\"twitter\",\"account_handle\":\"acme\",\"external_account_id\":\"999\"}");
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.errorCode()).isEqualTo("handle_mismatch");
        Answer down = http.post(API + "/connections", admin, "{\"connector_type\":\"fathom\",\"api_key\":\"down\"}");
        assertThat(down.status()).isEqualTo(502);
        assertThat(down.errorCode()).isEqualTo("provider_unavailable");
        assertThat(List.of(unknown, comingSoon, badKey, noHandle, mismatch, down))
                .allSatisfy(a -> assertThat(a.header("Content-Type")).startsWith("application/json"));
    }

    @Test
    void cadence_routes_list_and_set_for_platform_admins() {
        String platform = http.platformAdminToken();
        Answer list = http.get("/api/admin/connector-cadence", platform);
        assertThat(list.status()).isEqualTo(200);
        JsonNode hubspot = find(list.json().path("connector_cadences"), "connector_type", "hubspot");
        assertThat(fieldNames(hubspot)).containsExactly("connector_type", "default_cadence", "override",
                "effective_cadence");
        assertThat(hubspot.path("override").isNull()).isTrue();

        Answer set = http.put("/api/admin/connector-cadence/hubspot", platform, "{\"cadence\":\"30m\"}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("override").asText()).isEqualTo("30m");
        assertThat(set.json().path("effective_cadence").asText()).isEqualTo("30m");
        Answer cleared = http.put("/api/admin/connector-cadence/hubspot", platform, "{\"cadence\":null}");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().path("override").isNull()).isTrue();

        Answer invalid = http.put("/api/admin/connector-cadence/hubspot", platform, "{\"cadence\":\"2m\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorCode()).isEqualTo("invalid_cadence");
        Answer unknown = http.put("/api/admin/connector-cadence/myspace", platform, "{\"cadence\":\"1h\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("unknown_connector_type");
        Answer missing = http.put("/api/admin/connector-cadence/hubspot", platform, "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorCode()).isEqualTo("validation_failed");
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (element.path(field).asText().equals(value)) {
                return element;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }

}
