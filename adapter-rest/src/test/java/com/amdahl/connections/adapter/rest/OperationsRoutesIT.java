package com.amdahl.connections.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.rest.RestHarness.Answer;
import com.amdahl.connections.application.port.out.ReadinessProbe;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.workspace.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /me}, {@code POST /connections/:id/test} and {@code GET /readyz} over real HTTP. */
class OperationsRoutesIT {
    private static final String API = "/api/platform/v1";
    private final InMemoryPorts ports = new InMemoryPorts();
    private final AtomicReference<String> notReady = new AtomicReference<>();
    private final List<String> observed = new ArrayList<>();
    private final RestHarness http = new RestHarness(ports,
            ports.builder().readiness(() -> Optional.ofNullable(notReady.get())).build(),
            RestSettings.defaults().withRequestObserver((method, route, status, took) -> {
                synchronized (observed) {
                    observed.add(method + " " + route + " " + status);
                }
            }));
    private final String admin = http.token("acme", "alice", Role.ADMIN);

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void me_answers_who_each_kind_of_token_belongs_to() {
        String member = http.token("acme", "bob", Role.MEMBER);
        String readOnly = http.readOnlyToken("acme", "carol", Role.MEMBER);
        assertThat(http.get(API + "/me", admin).body()).isEqualTo("{\"user_id\":\"alice\",\"workspace_id\":\"acme\","
                + "\"role\":\"admin\",\"scopes\":[\"connections:read\",\"connections:write\",\"records:read\"],\"platform_admin\":false}");
        assertThat(http.get(API + "/me", member).json().path("role").asText()).isEqualTo("member");
        assertThat(http.get(API + "/me", readOnly).json().path("scopes").toString()).isEqualTo("[\"connections:read\"]");
        assertThat(http.get(API + "/me", http.platformAdminToken()).body()).isEqualTo("{\"user_id\":null,"
                + "\"workspace_id\":null,\"role\":null,\"scopes\":[],\"platform_admin\":true}");
        Answer anonymous = http.get(API + "/me", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("unauthorized");
    }

    @Test
    void test_now_answers_the_outcome_in_words_and_a_rejection_changes_health() {
        String id = http.post(API + "/connections", admin, "{\"connector_type\":\"pipedrive\",\"api_key\":\"good-key\"}")
                .json().path("connection").path("id").asText();
        Answer ok = http.post(API + "/connections/" + id + "/test", admin, null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"ok\":true,\"account\":{\"external_account_id\":\"org-pipedrive\","
                + "\"label\":\"Acme pipedrive\"}}");

        ports.providers.refusedNow.put("good-key", ErrorCode.INVALID_CREDENTIALS);
        Answer rejected = http.post(API + "/connections/" + id + "/test", admin, null);
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().path("ok").asBoolean()).isFalse();
        assertThat(rejected.json().path("error_reason").asText()).isEqualTo("auth");
        assertThat(rejected.json().path("message").asText()).isNotBlank().doesNotContain("good-key");
        assertThat(http.get(API + "/connections/" + id, admin).json().path("health").asText()).isEqualTo("needs_reauth");
        assertThat(http.get(API + "/connections/" + id + "/events", admin).body()).contains("\"credentials_tested\"");

        String member = http.token("acme", "bob", Role.MEMBER);
        assertThat(http.post(API + "/connections/" + id + "/test", member, null).errorCode()).isEqualTo("forbidden");
        assertThat(http.post(API + "/connections/00000000-0000-0000-0000-000000000000/test", admin, null).status())
                .isEqualTo(404);
    }

    @Test
    void connection_views_carry_credential_facts() {
        String body = http.post(API + "/connections", admin, "{\"connector_type\":\"pipedrive\",\"api_key\":\"good-key\"}")
                .body();
        assertThat(body).contains("\"credentials\":{\"kind\":\"api_key\",\"expires_at\":null,"
                + "\"last_refreshed_at\":null,\"scopes_granted\":null}").doesNotContain("good-key");
    }

    @Test
    void readyz_is_503_with_the_reason_until_storage_is_ready_and_needs_no_token() {
        notReady.set("The database does not answer");
        Answer down = http.get("/readyz", null);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"error\":{\"code\":\"not_ready\",\"message\":\"The database does not answer\"}}");
        notReady.set(null);
        Answer up = http.get("/readyz", null);
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void every_answered_request_is_observed_by_route_template_never_by_path() {
        http.get(API + "/connections/some-id", admin);
        http.get("/no/such/route", null);
        synchronized (observed) {
            assertThat(observed).contains("GET " + API + "/connections/{id} 404", "GET <unmatched> 404");
            assertThat(observed).noneMatch(line -> line.contains("some-id"));
        }
    }
}
