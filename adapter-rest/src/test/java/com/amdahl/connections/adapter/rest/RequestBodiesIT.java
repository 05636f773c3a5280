package com.amdahl.connections.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.rest.RestHarness.Answer;
import com.amdahl.connections.domain.workspace.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed JSON, strict types, unknown fields, size limit, validation details and ?limit=. */
class RequestBodiesIT {
    private static final String API = "/api/platform/v1";
    private final RestHarness http = new RestHarness();
    private final String admin = http.token("acme", "alice", Role.ADMIN);

    @AfterEach
    void stop() {
        http.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"connector_type\":}", "not json", "{\"a\":1} {\"b\":2}",
            "{\"connector_type\":\"x\",\"connector_type\":\"y\"}"})
    void malformed_json_is_400_invalid_json(String body) {
        Answer answer = http.post(API + "/connections", admin, body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("invalid_json");
    }

    @Test
    void a_body_that_is_not_an_object_is_a_validation_failure() {
        Answer answer = http.post(API + "/connections", admin, "[1,2]");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("validation_failed");
    }

    @Test
    void wrong_types_are_400_naming_every_bad_field() {
        Answer answer = http.post(API + "/connections", admin,
                "{\"connector_type\":42,\"name\":true,\"followers\":\"many\",\"scope\":\"galactic\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo("validation_failed");
        assertThat(ConnectionsApiIT.fieldNames(answer.json().path("error").path("details")))
                .containsExactlyInAnyOrder("connector_type", "name", "followers", "scope");
        assertThat(answer.json().path("error").path("details").path("connector_type").asText())
                .isEqualTo("must be a string");
    }

    @Test
    void a_missing_connector_type_and_an_overlong_name_are_listed() {
        Answer answer = http.post(API + "/connections", admin, "{\"name\":\"" + "n".repeat(201) + "\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(ConnectionsApiIT.fieldNames(answer.json().path("error").path("details")))
                .containsExactlyInAnyOrder("connector_type", "name");
    }

    @Test
    void unknown_fields_are_ignored() {
        Answer answer = http.post(API + "/connections", admin,
                "{\"connector_type\":\"pipedrive\",\"api_key\":\"k\",\"colour\":\"blue\",\"nested\":{\"a\":[1]}}");
        assertThat(answer.status()).isEqualTo(201);
    }

    @Test
    void a_body_over_64_kib_is_413() {
        String big = "{\"connector_type\":\"pipedrive\",\"api_key\":\"k\",\"pad\":\"" + "x".repeat(70_000) + "\"}";
        Answer answer = http.post(API + "/connections", admin, big);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.errorCode()).isEqualTo("payload_too_large");
        String justUnder = "{\"connector_type\":\"pipedrive\",\"api_key\":\"k\",\"pad\":\""
                + "x".repeat(60_000) + "\"}";
        assertThat(http.post(API + "/connections", admin, justUnder).status()).isEqualTo(201);
    }

    @Test
    void a_chunked_body_over_64_kib_is_413_too() {
        byte[] big = ("{\"pad\":\"" + "x".repeat(70_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var publisher = java.net.http.HttpRequest.BodyPublishers.fromPublisher(
                java.net.http.HttpRequest.BodyPublishers.ofByteArray(big));
        Answer answer = http.send(http.request(API + "/connections", admin).POST(publisher));
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.errorCode()).isEqualTo("payload_too_large");
    }

    @Test
    void patch_with_a_number_for_a_name_is_refused() {
        String id = http.post(API + "/connections", admin, "{\"connector_type\":\"pipedrive\",\"api_key\":\"k\"}")
                .json().path("connection").path("id").asText();
        Answer answer = http.patch(API + "/connections/" + id, admin, "{\"name\":7,\"owner_user_id\":[]}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(ConnectionsApiIT.fieldNames(answer.json().path("error").path("details")))
                .containsExactlyInAnyOrder("name", "owner_user_id");
        Answer cadence = http.put("/api/admin/connector-cadence/hubspot", http.platformAdminToken(), "{\"cadence\":30}");
        assertThat(cadence.status()).isEqualTo(400);
        assertThat(cadence.errorCode()).isEqualTo("validation_failed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-3", "1.5", "", "1e3"})
    void a_bad_limit_is_400_validation_failed(String limit) {
        String id = http.post(API + "/connections", admin, "{\"connector_type\":\"pipedrive\",\"api_key\":\"k\"}")
                .json().path("connection").path("id").asText();
        for (String route : new String[] {"/runs", "/events"}) {
            Answer answer = http.get(API + "/connections/" + id + route + "?limit=" + limit, admin);
            assertThat(answer.status()).as(route + "?limit=" + limit).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("validation_failed");
            assertThat(answer.json().path("error").path("details").has("limit")).isTrue();
        }
    }

    @Test
    void a_huge_limit_is_capped_not_refused() {
        String id = http.post(API + "/connections", admin, "{\"connector_type\":\"pipedrive\",\"api_key\":\"k\"}")
                .json().path("connection").path("id").asText();
        assertThat(http.get(API + "/connections/" + id + "/runs?limit=99999999999999999999999999999999999", admin).status()).isEqualTo(200);
    }
}
