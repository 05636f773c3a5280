package com.amdahl.connections.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.adapter.rest.RestHarness.Answer;
import com.amdahl.connections.domain.workspace.Role;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provider redirect target: authenticated by state; redirects to a first-party return_to or renders its page. */
class OAuthCallbackIT {
    private static final String API = "/api/platform/v1";
    private static final String CALLBACK = API + "/connections/oauth/callback";
    private final RestHarness http = new RestHarness();
    private final String admin = http.token("acme", "alice", Role.ADMIN);

    @AfterEach
    void stop() {
        http.close();
    }

    /** Starts a HubSpot connect and answers [connection id, state]. */
    private String[] start(String returnTo) {
        String body = returnTo == null ? "{\"connector_type\":\"hubspot\"}"
                : "{\"connector_type\":\"hubspot\",\"return_to\":\"" + returnTo + "\"}";
        Answer answer = http.post(API + "/connections", admin, body);
        String authorizeUrl = answer.json().path("authorize_url").asText();
        String state = null;
        for (String pair : URI.create(authorizeUrl).getRawQuery().split("&")) {
            if (pair.startsWith("state=")) {
                state = pair.substring("state=".length());
            }
        }
        return new String[] {answer.json().path("connection").path("id").asText(), state};
    }

    @Test
    void with_a_first_party_return_to_the_callback_redirects_302() {
        String[] started = start("https://console.amdahl.test/acme/connections");
        Answer answer = http.get(CALLBACK + "?code=abc&state=" + started[1], null);
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location"))
                .isEqualTo("https://console.amdahl.test/acme/connections?connected=hubspot");
        assertThat(http.get(API + "/connections/" + started[0], admin).json().path("status").asText())
                .isEqualTo("connected");

        Answer replay = http.get(CALLBACK + "?code=abc&state=" + started[1], null);
        assertThat(replay.status()).isEqualTo(302);
        assertThat(replay.header("Location")).endsWith("connection_error=invalid_state");
    }

    @Test
    void a_denied_authorization_redirects_with_the_error() {
        String[] started = start("https://console.amdahl.test/acme/connections");
        Answer answer = http.get(CALLBACK + "?error=access_denied&state=" + started[1], null);
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).endsWith("?connection_error=access_denied");
        assertThat(http.get(API + "/connections/" + started[0], admin).json().path("status").asText())
                .isEqualTo("error");
    }

    @Test
    void without_return_to_the_callback_renders_its_own_page() {
        String[] started = start(null);
        Answer answer = http.get(CALLBACK + "?code=abc&state=" + started[1], null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/html");
        assertThat(answer.body()).contains("Connected").contains("hubspot").doesNotContain("<script");
    }

    @Test
    void a_foreign_return_to_is_ignored_and_the_page_is_rendered() {
        String[] started = start("https://evil.example/steal");
        Answer answer = http.get(CALLBACK + "?code=abc&state=" + started[1], null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Location")).isNull();
    }

    @Test
    void an_unknown_state_renders_the_failure_page() {
        Answer answer = http.get(CALLBACK + "?code=abc&state=forged", null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("Connection failed").contains("invalid_state").doesNotContain("<script");
        Answer noState = http.get(CALLBACK, null);
        assertThat(noState.status()).isEqualTo(400);
        assertThat(noState.body()).contains("invalid_state");
    }

    @Test
    void a_failed_code_exchange_names_its_error_code() {
        String[] started = start(null);
        Answer answer = http.get(CALLBACK + "?code=bad-code&state=" + started[1], null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("token_exchange_failed");
    }
}
