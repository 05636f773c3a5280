package com.amdahl.connections.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.rest.RestHarness.Answer;
import com.amdahl.connections.domain.workspace.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bearer authentication, scopes, roles, visibility and the identical 404. */
class AccessIT {
    private static final String API = "/api/platform/v1";
    private static final String NOT_FOUND =
            "{\"error\":{\"code\":\"connection_not_found\",\"message\":\"Connection not found\"}}";
    private final RestHarness http = new RestHarness();
    private final String admin = http.token("acme", "alice", Role.ADMIN);
    private final String member = http.token("acme", "bob", Role.MEMBER);

    @AfterEach
    void stop() {
        http.close();
    }

    private String connect(String token, String body) {
        Answer answer = http.post(API + "/connections", token, body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().path("connection").path("id").asText();
    }

    @Test
    void no_token_or_a_bad_one_is_401_with_a_bearer_challenge() {
        for (String token : new String[] {null, "cnx_not-a-real-token", "garbage"}) {
            Answer answer = http.get(API + "/connections", token);
            assertThat(answer.status()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(answer.errorCode()).isEqualTo("unauthorized");
            assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
        Answer basic = http.send(http.request(API + "/connections", null).header("Authorization", "Basic YTpi").GET());
        assertThat(basic.status()).isEqualTo(401);
        Answer write = http.post(API + "/connections", null, "{\"connector_type\":\"pipedrive\"}");
        assertThat(write.status()).isEqualTo(401);
        assertThat(http.get("/api/admin/connector-cadence", null).status()).isEqualTo(401);
    }

    @Test
    void a_read_only_token_reads_but_may_not_write() {
        String id = connect(admin, "{\"connector_type\":\"pipedrive\",\"api_key\":\"k\"}");
        String readOnly = http.readOnlyToken("acme", "alice", Role.ADMIN);
        assertThat(http.get(API + "/connections/" + id, readOnly).status()).isEqualTo(200);
        List<Answer> writes = List.of(
                http.post(API + "/connections", readOnly, "{\"connector_type\":\"pipedrive\",\"api_key\":\"k\"}"),
                http.post(API + "/connections/" + id + "/sync", readOnly, null),
                http.post(API + "/connections/" + id + "/pause", readOnly, null),
                http.patch(API + "/connections/" + id, readOnly, "{\"name\":\"x\"}"),
                http.delete(API + "/connections/" + id, readOnly),
                http.delete(API + "/connections/" + "x".repeat(100), readOnly),
                // Scope before validation: a body with wrong types is not judged for a token that may not write.
                http.patch(API + "/connections/" + id, readOnly, "{\"name\":123}"),
                http.post(API + "/connections", readOnly, "{\"connector_type\":5}"),
                http.post(API + "/connections/" + id + "/reconnect", readOnly, "{\"api_key\":[1]}"),
                http.post(API + "/connections", readOnly, "not json"));
        assertThat(writes).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.errorCode()).isEqualTo("insufficient_scope");
        });
    }

    @Test
    void a_platform_admin_or_member_token_is_refused_before_its_body_is_judged() {
        String id = connect(admin, "{\"connector_type\":\"pipedrive\",\"api_key\":\"k\"}");
        String platform = http.platformAdminToken();
        List<Answer> refused = List.of(
                http.patch(API + "/connections/" + id, platform, "{\"name\":123}"),
                http.post(API + "/connections", platform, "{\"connector_type\":5}"),
                http.put("/api/admin/connector-cadence/hubspot", member, "{\"cadence\":5}"),
                http.put("/api/admin/connector-cadence/nope", admin, "{]"));
        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.errorCode()).isEqualTo("forbidden");
        });
    }

    @Test
    void a_platform_admin_token_is_forbidden_on_connection_routes_and_a_member_on_cadence_routes() {
        String platform = http.platformAdminToken();
        assertThat(http.get(API + "/connections", platform).errorCode()).isEqualTo("forbidden");
        assertThat(http.get(API + "/connections", platform).status()).isEqualTo(403);
        assertThat(http.get(API + "/connections/catalog", platform).status()).isEqualTo(403);
        assertThat(http.get(API + "/connections/some-id", platform).status()).isEqualTo(403);
        assertThat(http.get("/api/admin/connector-cadence", platform).status()).isEqualTo(200);

        Answer workspaceAdmin = http.get("/api/admin/connector-cadence", admin);
        assertThat(workspaceAdmin.status()).isEqualTo(403);
        assertThat(workspaceAdmin.errorCode()).isEqualTo("forbidden");
        assertThat(http.put("/api/admin/connector-cadence/hubspot", member, "{\"cadence\":\"1h\"}").status())
                .isEqualTo(403);
    }

    @Test
    void a_missing_id_and_another_workspaces_id_answer_the_same_bytes() {
        String other = http.token("globex", "carol", Role.ADMIN);
        String theirs = connect(other, "{\"connector_type\":\"pipedrive\",\"api_key\":\"k\"}");
        for (String suffix : new String[] {"", "/status", "/runs", "/events"}) {
            Answer missing = http.get(API + "/connections/does-not-exist" + suffix, admin);
            Answer foreign = http.get(API + "/connections/" + theirs + suffix, admin);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo(NOT_FOUND);
            assertThat(foreign.body()).isEqualTo(NOT_FOUND);
        }
        List<Answer> writes = List.of(
                http.delete(API + "/connections/" + theirs, admin),
                http.patch(API + "/connections/" + theirs, admin, "{\"name\":\"mine\"}"),
                http.post(API + "/connections/" + theirs + "/reconnect", admin, "{}"),
                http.post(API + "/connections/" + theirs + "/sync", admin, null),
                http.post(API + "/connections/" + theirs + "/pause", admin, null),
                http.post(API + "/connections/" + theirs + "/resume", admin, null),
                http.get(API + "/connections/" + "x".repeat(65), admin),
                http.get(API + "/connections/%20", admin));
        assertThat(writes).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.body()).isEqualTo(NOT_FOUND);
        });
    }

    @Test
    void a_member_sees_workspace_connections_and_only_their_own_personal_ones() {
        String workspaceConnection = connect(admin, "{\"connector_type\":\"pipedrive\",\"api_key\":\"k\"}");
        String alicesMail = connect(admin, "{\"connector_type\":\"gmail\"}");
        String bobsMail = connect(member, "{\"connector_type\":\"gmail\"}");

        assertThat(ids(http.get(API + "/connections", member)))
                .containsExactlyInAnyOrder(workspaceConnection, bobsMail);
        assertThat(ids(http.get(API + "/connections", admin)))
                .containsExactlyInAnyOrder(workspaceConnection, alicesMail, bobsMail);
        assertThat(http.get(API + "/connections/" + alicesMail, member).body()).isEqualTo(NOT_FOUND);
    }

    @Test
    void a_member_may_not_manage_workspace_connections_but_may_manage_their_own() {
        String workspaceConnection = connect(admin, "{\"connector_type\":\"pipedrive\",\"api_key\":\"k\"}");
        Answer connect = http.post(API + "/connections", member, "{\"connector_type\":\"pipedrive\",\"api_key\":\"k\"}");
        assertThat(connect.status()).isEqualTo(403);
        assertThat(connect.errorCode()).isEqualTo("forbidden");
        for (Answer answer : List.of(
                http.delete(API + "/connections/" + workspaceConnection, member),
                http.post(API + "/connections/" + workspaceConnection + "/pause", member, null),
                http.post(API + "/connections/" + workspaceConnection + "/sync", member, null),
                http.patch(API + "/connections/" + workspaceConnection, member, "{\"name\":\"x\"}"))) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.errorCode()).isEqualTo("forbidden");
        }
        String bobsMail = connect(member, "{\"connector_type\":\"gmail\"}");
        assertThat(http.patch(API + "/connections/" + bobsMail, member, "{\"name\":\"Bob's inbox\"}").status())
                .isEqualTo(200);
        Answer reassign = http.patch(API + "/connections/" + bobsMail, member, "{\"owner_user_id\":\"alice\"}");
        assertThat(reassign.status()).isEqualTo(403);
        assertThat(http.delete(API + "/connections/" + bobsMail, admin).status()).isEqualTo(200);
    }

    @Test
    void unknown_routes_are_404_json_and_every_answer_has_a_request_id() {
        Answer answer = http.get(API + "/nothing-here", admin);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.errorCode()).isEqualTo("not_found");
        assertThat(answer.header(RestServer.REQUEST_ID_HEADER)).isNotBlank();
        assertThat(http.get("/healthz", null).header(RestServer.REQUEST_ID_HEADER)).isNotBlank();
    }

    private static List<String> ids(Answer answer) {
        List<String> ids = new ArrayList<>();
        answer.json().path("connections").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }
}
