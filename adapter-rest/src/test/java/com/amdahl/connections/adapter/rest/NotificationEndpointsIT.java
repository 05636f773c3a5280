package com.amdahl.connections.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.domain.workspace.Role;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotificationEndpointsIT {
    private static final String BASE = "/api/platform/v1/notification-endpoints";
    private static final String NOT_FOUND =
            "{\"error\":{\"code\":\"notification_endpoint_not_found\",\"message\":\"Notification endpoint not found\"}}";

    private final RestHarness rest = new RestHarness();
    private final String admin = rest.token("acme", "alice", Role.ADMIN);

    @AfterEach
    void stop() {
        rest.close();
    }

    private JsonNode create(String token) {
        RestHarness.Answer created = rest.post(BASE, token,
                "{\"url\":\"https://hooks.acme.test/in\",\"events\":[\"connection.health_changed\",\"run.failed\"],"
                        + "\"description\":\"pager\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    @Test
    void an_admin_registers_reads_changes_tests_rotates_and_deletes_an_endpoint() {
        JsonNode created = create(admin);
        String id = created.path("id").asText();
        String secret = created.path("signing_secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(created.path("events").toString()).isEqualTo("[\"connection.health_changed\",\"run.failed\"]");
        assertThat(created.path("enabled").asBoolean()).isTrue();

        RestHarness.Answer one = rest.get(BASE + "/" + id, admin);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).doesNotContain(secret).doesNotContain("signing_secret");
        assertThat(rest.get(BASE, admin).json().path("notification_endpoints")).hasSize(1);
        assertThat(rest.get(BASE, admin).body()).doesNotContain(secret);

        RestHarness.Answer patched = rest.patch(BASE + "/" + id, admin, "{\"enabled\":false,\"events\":[\"run.failed\"]}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().path("enabled").asBoolean()).isFalse();
        assertThat(patched.json().path("disabled_reason").asText()).isEqualTo("disabled_by_admin");
        rest.patch(BASE + "/" + id, admin, "{\"enabled\":true}");

        RestHarness.Answer tested = rest.post(BASE + "/" + id + "/test", admin, null);
        assertThat(tested.status()).as(tested.toString()).isEqualTo(200);
        assertThat(tested.json().path("delivery").path("state").asText()).isEqualTo("delivered");
        assertThat(tested.json().path("delivery").path("type").asText()).isEqualTo("ping");
        RestHarness.Answer log = rest.get(BASE + "/" + id + "/deliveries?limit=5", admin);
        assertThat(log.json().path("deliveries")).hasSize(1);
        assertThat(log.json().path("deliveries").get(0).path("last_status_code").asInt()).isEqualTo(200);
        assertThat(log.body()).doesNotContain("\"body\"");

        RestHarness.Answer rotated = rest.post(BASE + "/" + id + "/rotate-secret", admin, null);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().path("signing_secret").asText()).startsWith("whsec_").isNotEqualTo(secret);

        RestHarness.Answer deleted = rest.delete(BASE + "/" + id, admin);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(rest.get(BASE + "/" + id, admin).body()).isEqualTo(NOT_FOUND);
    }

    @Test
    void bad_bodies_are_refused_in_the_usual_envelope() {
        RestHarness.Answer unsafe = rest.post(BASE, admin, "{\"url\":\"http://127.0.0.1:9/in\"}");
        assertThat(unsafe.status()).isEqualTo(400);
        assertThat(unsafe.errorCode()).isEqualTo("validation_failed");
        assertThat(unsafe.json().path("error").path("details").has("url")).isTrue();

        RestHarness.Answer types = rest.post(BASE, admin, "{\"url\":42,\"events\":\"run.failed\",\"description\":false}");
        assertThat(types.status()).isEqualTo(400);
        assertThat(types.json().path("error").path("details").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("url", "events", "description");

        RestHarness.Answer unknown = rest.post(BASE, admin, "{\"url\":\"https://hooks.acme.test\",\"events\":[\"ping\"]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("error").path("details").has("events")).isTrue();

        assertThat(rest.post(BASE, admin, "{not json").errorCode()).isEqualTo("invalid_json");
        String id = create(admin).path("id").asText();
        assertThat(rest.patch(BASE + "/" + id, admin, "{\"enabled\":\"yes\"}").errorCode()).isEqualTo("validation_failed");
        assertThat(rest.get(BASE + "/" + id + "/deliveries?limit=zero", admin).errorCode()).isEqualTo("validation_failed");
    }

    @Test
    void members_are_forbidden_and_read_only_keys_lack_the_scope() {
        String id = create(admin).path("id").asText();
        String member = rest.token("acme", "bob", Role.MEMBER);
        assertThat(rest.get(BASE, member).errorCode()).isEqualTo("forbidden");
        assertThat(rest.get(BASE + "/" + id, member).status()).isEqualTo(403);
        assertThat(rest.post(BASE, member, "{\"url\":\"https://hooks.acme.test\"}").errorCode()).isEqualTo("forbidden");
        assertThat(rest.delete(BASE + "/" + id, member).status()).isEqualTo(403);
        String readOnly = rest.readOnlyToken("acme", "alice", Role.ADMIN);
        assertThat(rest.post(BASE, readOnly, "{\"url\":\"https://hooks.acme.test\"}").errorCode())
                .isEqualTo("insufficient_scope");
        assertThat(rest.get(BASE, null).status()).isEqualTo(401);
        assertThat(rest.get(BASE, rest.platformAdminToken()).status()).isEqualTo(403);
    }

    @Test
    void another_workspaces_endpoint_is_answered_exactly_like_a_missing_one() {
        String id = create(admin).path("id").asText();
        String stranger = rest.token("globex", "carol", Role.ADMIN);
        for (String path : new String[] {"/" + id, "/no-such-endpoint", "/" + "x".repeat(100)}) {
            RestHarness.Answer get = rest.get(BASE + path, stranger);
            assertThat(get.status()).isEqualTo(404);
            assertThat(get.body()).isEqualTo(NOT_FOUND);
            assertThat(rest.patch(BASE + path, stranger, "{\"enabled\":false}").body()).isEqualTo(NOT_FOUND);
            assertThat(rest.delete(BASE + path, stranger).body()).isEqualTo(NOT_FOUND);
            assertThat(rest.post(BASE + path + "/test", stranger, null).body()).isEqualTo(NOT_FOUND);
            assertThat(rest.post(BASE + path + "/rotate-secret", stranger, null).body()).isEqualTo(NOT_FOUND);
            assertThat(rest.get(BASE + path + "/deliveries", stranger).body()).isEqualTo(NOT_FOUND);
        }
        assertThat(rest.get(BASE + "/" + id, admin).status()).isEqualTo(200);
        assertThat(rest.get(BASE, stranger).json().path("notification_endpoints")).isEmpty();
    }
}
