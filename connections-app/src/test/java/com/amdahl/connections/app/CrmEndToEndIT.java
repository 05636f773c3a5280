package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.domain.workspace.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRM and call connectors through the real server: Salesforce over OAuth (its API on the grant's
 * {@code instance_url}) and Aircall with an API key, each synced by the scheduler on the next tick.
 */
class CrmEndToEndIT {
    private static final String V1 = "/api/platform/v1";

    @TempDir
    Path dir;
    WireMockServer provider;
    TestServer app;
    String admin;
    String providerBase;

    @BeforeEach
    void start() {
        provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        providerBase = "http://127.0.0.1:" + provider.port();
        Map<String, String> env = TestServer.env(dir, providerBase);
        env.put("CONNECTIONS_AIRCALL_API_BASE_URL", providerBase);
        env.put("CONNECTIONS_SALESFORCE_CLIENT_ID", "sf-client");
        env.put("CONNECTIONS_SALESFORCE_CLIENT_SECRET", "sf-SECRET");
        env.put("CONNECTIONS_SALESFORCE_AUTHORIZE_URL", providerBase + "/services/oauth2/authorize");
        env.put("CONNECTIONS_SALESFORCE_TOKEN_URL", providerBase + "/services/oauth2/token");
        app = new TestServer(env, SyncSettings.defaults().withLease(Duration.ofMillis(500), Duration.ofSeconds(3)));
        admin = app.token("acme", "alice", Role.ADMIN, false);
    }

    @AfterEach
    void stop() {
        app.close();
        provider.stop();
    }

    private JsonNode status(String id) {
        return app.get(V1 + "/connections/" + id + "/status", admin).json();
    }

    @Test
    void salesforce_over_oauth_and_aircall_with_a_key_are_synced_by_the_scheduler() {
        provider.stubFor(get(urlPathEqualTo("/v1/ping")).willReturn(okJson("{\"ping\":\"pong\"}")));
        for (String stream : new String[] {"calls", "users", "contacts", "numbers", "teams"}) {
            provider.stubFor(get(urlPathEqualTo("/v1/" + stream)).withBasicAuth("a1b2c3", "SECRET-token").willReturn(okJson(
                    "{\"" + stream + "\":[{\"id\":1,\"started_at\":1790000000},{\"id\":2,\"started_at\":1790000100}],"
                            + "\"meta\":{\"next_page_link\":null}}")));
        }
        TestServer.Answer aircall = app.post(V1 + "/connections", admin,
                "{\"connector_type\":\"aircall\",\"api_key\":\"a1b2c3:SECRET-token\"}");
        assertThat(aircall.status()).isEqualTo(201);
        String aircallId = aircall.json().at("/connection/id").asText();

        TestServer.Answer started = app.post(V1 + "/connections", admin, "{\"connector_type\":\"salesforce\"}");
        assertThat(started.status()).isEqualTo(201);
        String salesforceId = started.json().at("/connection/id").asText();
        String state = EndToEndIT.query(started.json().get("authorize_url").asText()).get("state");
        provider.stubFor(post(urlPathEqualTo("/services/oauth2/token")).withRequestBody(containing("code=sf-code"))
                .willReturn(okJson("{\"access_token\":\"sf-access\",\"refresh_token\":\"sf-refresh\",\"instance_url\":\""
                        + providerBase + "\",\"token_type\":\"Bearer\",\"issued_at\":\"1796400000000\"}")));
        provider.stubFor(get(urlPathEqualTo("/services/oauth2/userinfo")).willReturn(okJson(
                "{\"organization_id\":\"00D5g000004Acme\",\"user_id\":\"0055g00000Ada\"}")));
        provider.stubFor(get(urlPathMatching("/services/data/v61\\.0/query.*")).withHeader("Authorization",
                equalTo("Bearer sf-access")).willReturn(okJson("{\"totalSize\":3,\"done\":true,\"records\":["
                        + "{\"Id\":\"001A\",\"SystemModstamp\":\"2026-11-01T00:00:00.000+0000\"},"
                        + "{\"Id\":\"001B\",\"SystemModstamp\":\"2026-11-02T00:00:00.000+0000\"},"
                        + "{\"Id\":\"001C\",\"SystemModstamp\":\"2026-11-03T00:00:00.000+0000\"}]}")));
        TestServer.Answer callback = app.get(V1 + "/connections/oauth/callback?code=sf-code&state=" + state, null);
        assertThat(callback.status()).isIn(200, 302);
        assertThat(app.get(V1 + "/connections/" + salesforceId, admin).json().at("/account/external_account_id").asText())
                .isEqualTo("00D5g000004Acme");

        app.tickAndDrain();
        JsonNode salesforce = status(salesforceId);
        assertThat(salesforce.at("/last_run/status").asText()).isEqualTo("completed");
        assertThat(salesforce.at("/last_run/streams_total").asInt()).isEqualTo(5);
        assertThat(salesforce.at("/last_run/records_written").asInt()).isEqualTo(15);
        assertThat(salesforce.get("health").asText()).isEqualTo("healthy");
        JsonNode calls = status(aircallId);
        assertThat(calls.at("/last_run/status").asText()).isEqualTo("completed");
        assertThat(calls.at("/last_run/streams_total").asInt()).isEqualTo(5);
        assertThat(calls.at("/last_run/records_written").asInt()).isEqualTo(10);
        assertThat(calls.get("health").asText()).isEqualTo("healthy");
        assertThat(app.get(V1 + "/connections", admin).body()).doesNotContain("SECRET").doesNotContain("sf-access");
    }
}
