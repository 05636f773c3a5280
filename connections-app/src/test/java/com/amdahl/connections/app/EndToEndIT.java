package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.domain.workspace.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system over HTTP: the real server, H2 on disk, the real providers against WireMock
 * stubs shaped like Pipedrive's and HubSpot's APIs, and the scheduler loop driven tick by tick.
 */
class EndToEndIT {
    private static final String V1 = "/api/platform/v1";
    private static final String KEY = "pd-SECRET-key";
    private static final String RETURN_TO = "https://console.acme.test/acme/connections";

    @TempDir
    Path dir;
    WireMockServer provider;
    TestServer app;
    String admin;

    @BeforeEach
    void start() {
        provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        SyncSettings sync = SyncSettings.defaults().withLease(Duration.ofMillis(500), Duration.ofSeconds(3));
        app = new TestServer(TestServer.env(dir, "http://127.0.0.1:" + provider.port()), sync);
        admin = app.token("acme", "alice", Role.ADMIN, false);
        provider.stubFor(get(urlPathEqualTo("/v1/users/me")).withHeader("x-api-token", equalTo(KEY)).willReturn(okJson(
                "{\"success\":true,\"data\":{\"id\":1,\"company_id\":777,\"company_name\":\"Acme Ltd\"}}")));
        provider.stubFor(get(urlPathEqualTo("/v1/users/me")).withHeader("x-api-token", equalTo("wrong")).willReturn(
                aResponse().withStatus(401).withBody("{\"success\":false,\"error\":\"unauthorized access\"}")));
    }

    @AfterEach
    void stop() {
        app.close();
        provider.stop();
    }

    private void pipedriveStreams(int status) {
        for (String stream : new String[] {"persons", "deals", "organizations", "activities"}) {
            pipedriveStream(stream, status);
        }
    }

    private void pipedriveStream(String stream, int status) {
        PipedriveStub.deletedDeals(provider, ""); // no deal deleted
        if (status == 200) {
            provider.stubFor(get(urlPathEqualTo("/v1/" + stream)).willReturn(okJson("{\"success\":true,\"data\":["
                    + "{\"id\":1},{\"id\":2}],\"additional_data\":{\"pagination\":{\"more_items_in_collection\":false}}}")));
        } else {
            provider.stubFor(get(urlPathEqualTo("/v1/" + stream)).willReturn(aResponse().withStatus(status)
                    .withHeader("Retry-After", "0").withBody("{\"success\":false}")));
        }
    }

    private String connectPipedrive() {
        TestServer.Answer created = app.post(V1 + "/connections", admin,
                "{\"connector_type\":\"pipedrive\",\"api_key\":\"" + KEY + "\",\"name\":\"Acme CRM\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.json().at("/connection/id").asText();
    }

    private JsonNode status(String id) {
        TestServer.Answer answer = app.get(V1 + "/connections/" + id + "/status", admin);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void a_pipedrive_key_is_verified_stored_and_synced_on_the_next_tick() {
        pipedriveStreams(200);
        String id = connectPipedrive();
        JsonNode connection = app.get(V1 + "/connections/" + id, admin).json();
        assertThat(connection.get("status").asText()).isEqualTo("connected");
        assertThat(connection.at("/account/label").asText()).isEqualTo("Acme Ltd");
        assertThat(connection.get("last_run").isNull()).isTrue();
        assertThat(app.get(V1 + "/connections", admin).body()).doesNotContain(KEY);

        app.tickAndDrain();
        JsonNode after = status(id);
        assertThat(after.get("health").asText()).isEqualTo("healthy");
        assertThat(after.at("/last_run/status").asText()).isEqualTo("completed");
        assertThat(after.at("/last_run/streams_total").asInt()).isEqualTo(4);
        assertThat(after.at("/last_run/records_written").asInt()).isEqualTo(8);
        assertThat(after.get("last_synced_at").isNull()).isFalse();
        JsonNode runs = app.get(V1 + "/connections/" + id + "/runs", admin).json().get("runs");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("triggered_by").asText()).isEqualTo("connect");
        app.tickAndDrain();
        assertThat(app.get(V1 + "/connections/" + id + "/runs", admin).json().get("runs")).as("not due again yet").hasSize(1);
    }

    @Test
    void later_runs_pull_only_changes_since_the_stored_cursor_until_an_admin_asks_for_a_full_refresh() {
        Map<String, String> items = Map.of("persons", "person", "deals", "deal", "organizations", "organization",
                "activities", "activity");
        PipedriveStub.deletedDeals(provider, ""); // no deal deleted
        items.forEach((stream, item) -> {
            provider.stubFor(get(urlPathEqualTo("/v1/" + stream)).willReturn(okJson("{\"success\":true,\"data\":["
                    + "{\"id\":1,\"update_time\":\"2026-11-20 10:00:00\"},{\"id\":2,\"update_time\":\"2026-11-21 10:00:00\"}],"
                    + "\"additional_data\":{\"pagination\":{\"more_items_in_collection\":false}}}")));
            provider.stubFor(get(urlPathEqualTo("/v1/recents")).withQueryParam("items", equalTo(item))
                    .withQueryParam("since_timestamp", equalTo("2026-11-21 10:00:00")).willReturn(okJson(
                            "{\"success\":true,\"data\":[{\"item\":\"" + item + "\",\"id\":2,\"data\":{\"id\":2,"
                                    + "\"update_time\":\"2026-11-25 08:00:00\"}}],\"additional_data\":{\"pagination\":"
                                    + "{\"more_items_in_collection\":false}}}")));
        });
        String id = connectPipedrive();
        app.tickAndDrain();
        assertThat(status(id).at("/last_run/records_written").asInt()).isEqualTo(8);

        assertThat(app.post(V1 + "/connections/" + id + "/sync", admin, null).status()).isEqualTo(202);
        app.tickAndDrain();
        assertThat(status(id).at("/last_run/records_written").asInt()).as("one changed record per stream").isEqualTo(4);
        provider.verify(4, getRequestedFor(urlPathEqualTo("/v1/recents"))
                .withQueryParam("since_timestamp", equalTo("2026-11-21 10:00:00")));
        provider.verify(4, getRequestedFor(urlPathMatching("/v1/(persons|deals|organizations|activities)"))
                .withQueryParam("status", absent()));
        // deleted deals are listed in full after every pass
        provider.verify(2, getRequestedFor(urlPathEqualTo("/v1/deals")).withQueryParam("status", equalTo("deleted")));

        assertThat(app.post(V1 + "/connections/" + id + "/sync", admin, "{\"full_refresh\":true}").status()).isEqualTo(202);
        app.tickAndDrain();
        // everything pulled again: record 1 of each stream as stored (nothing written), record 2 back
        // to its older version (a change)
        assertThat(status(id).at("/last_run/records_written").asInt()).as("what changed").isEqualTo(4);
        assertThat(status(id).at("/last_run/records_unchanged").asInt()).isEqualTo(4);
        assertThat(status(id).at("/last_run/records_updated").asInt()).isEqualTo(4);
        provider.verify(8, getRequestedFor(urlPathMatching("/v1/(persons|deals|organizations|activities)"))
                .withQueryParam("status", absent()));
    }

    @Test
    void a_rejected_key_is_refused_and_nothing_is_stored() {
        TestServer.Answer refused = app.post(V1 + "/connections", admin,
                "{\"connector_type\":\"pipedrive\",\"api_key\":\"wrong\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("invalid_credentials");
        assertThat(refused.body()).doesNotContain("wrong");
        assertThat(app.get(V1 + "/connections", admin).json().get("connections")).isEmpty();
    }

    @Test
    void a_daily_quota_ends_the_run_at_once_with_one_request_and_says_until_when() {
        for (String stream : new String[] {"persons", "deals", "organizations", "activities"}) {
            provider.stubFor(get(urlPathEqualTo("/v1/" + stream)).willReturn(aResponse().withStatus(429)
                    .withHeader("Retry-After", "7200").withBody("{\"success\":false,\"error\":\"Daily limit\"}")));
        }
        String id = connectPipedrive();
        long started = System.nanoTime();
        app.tickAndDrain();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no waiting for a two-hour reset")
                .isLessThan(Duration.ofSeconds(10));
        JsonNode status = status(id);
        assertThat(status.get("health").asText()).isEqualTo("rate_limited");
        JsonNode connection = app.get(V1 + "/connections/" + id, admin).json();
        assertThat(connection.at("/health_detail/reason").asText())
                .matches("Waiting for the provider's rate limit until \\d\\d:\\d\\d UTC; the next sync starts then");
        assertThat(connection.at("/health_detail/next_action").asText()).isEqualTo("wait");
        assertThat(status.at("/last_run/error_reason").asText()).isEqualTo("rate_limit");
        assertThat(status.get("last_error").asText()).contains("waiting for the provider's rate limit until");
        assertThat(provider.findAll(getRequestedFor(urlPathMatching("/v1/(persons|deals|organizations|activities)"))))
                .as("the first refusal holds the account: no other stream asks again").hasSize(1);
        app.post(V1 + "/connections/" + id + "/sync", admin, null); // a person may still ask
        app.tickAndDrain();
        assertThat(provider.findAll(getRequestedFor(urlPathMatching("/v1/(persons|deals|organizations|activities)"))))
                .as("the account's budget still waits for the reset").hasSize(1);
    }

    @Test
    void rate_limits_partial_failures_and_revoked_keys_show_in_health() {
        pipedriveStreams(429);
        String id = connectPipedrive();
        app.tickAndDrain();
        assertThat(status(id).get("health").asText()).isEqualTo("rate_limited");
        assertThat(status(id).at("/last_run/error_reason").asText()).isEqualTo("rate_limit");

        pipedriveStreams(200);
        pipedriveStream("deals", 500);
        assertThat(app.post(V1 + "/connections/" + id + "/sync", admin, null).status()).isEqualTo(202);
        app.tickAndDrain();
        JsonNode degraded = status(id);
        assertThat(degraded.get("health").asText()).isEqualTo("degraded");
        assertThat(degraded.at("/last_run/streams_failed").asInt()).isEqualTo(1);
        assertThat(degraded.get("status").asText()).isEqualTo("connected");

        pipedriveStreams(401);
        app.post(V1 + "/connections/" + id + "/sync", admin, null);
        app.tickAndDrain();
        JsonNode revoked = status(id);
        assertThat(revoked.get("health").asText()).isEqualTo("needs_reauth");
        assertThat(revoked.get("status").asText()).isEqualTo("error");
        JsonNode events = app.get(V1 + "/connections/" + id + "/events", admin).json().get("events");
        assertThat(events.findValuesAsText("type")).contains("health_changed", "connected");
    }

    @Test
    void a_manual_sync_while_one_is_in_flight_is_recorded_as_skipped_locked() {
        pipedriveStreams(200);
        // the requested run starts at once: a slow first stream keeps it in flight for the second request
        provider.stubFor(get(urlPathEqualTo("/v1/persons")).willReturn(okJson("{\"success\":true,\"data\":[],"
                + "\"additional_data\":{\"pagination\":{\"more_items_in_collection\":false}}}").withFixedDelay(1_500)));
        String id = connectPipedrive();
        TestServer.Answer first = app.post(V1 + "/connections/" + id + "/sync", admin, null);
        TestServer.Answer second = app.post(V1 + "/connections/" + id + "/sync", admin, null);
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().get("status").asText()).isEqualTo("pending");
        assertThat(second.json().get("status").asText()).isEqualTo("skipped_locked");
        app.tickAndDrain();
        JsonNode runs = app.get(V1 + "/connections/" + id + "/runs", admin).json().get("runs");
        assertThat(runs.findValuesAsText("status")).containsExactlyInAnyOrder("completed", "skipped_locked");
        assertThat(runs.findValuesAsText("id")).contains(first.json().get("sync_run_id").asText(),
                second.json().get("sync_run_id").asText());
    }

    @Test
    void a_run_whose_worker_died_is_reaped_after_its_lease_and_the_next_tick_syncs_again() throws Exception {
        pipedriveStreams(200);
        String id = connectPipedrive();
        var engine = app.runtime.app.syncEngine();
        var dispatched = engine.dispatchDue(10);
        assertThat(dispatched).hasSize(1);
        app.runtime.app.syncRuns().begin(dispatched.get(0).workspaceId(), dispatched.get(0).runId()); // then "dies"
        assertThat(status(id).get("is_syncing").asBoolean()).isTrue();
        assertThat(status(id).get("status").asText()).isEqualTo("syncing");
        Thread.sleep(3_300);
        app.tickAndDrain();
        JsonNode runs = app.get(V1 + "/connections/" + id + "/runs", admin).json().get("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(1).get("status").asText()).isEqualTo("failed");
        assertThat(runs.get(1).get("error_reason").asText()).isEqualTo("transient");
        assertThat(runs.get(0).get("status").asText()).isEqualTo("completed");
        assertThat(status(id).get("is_syncing").asBoolean()).isFalse();
        assertThat(status(id).get("health").asText()).isEqualTo("healthy");
    }

    @Test
    void hubspot_oauth_round_trip_with_pkce_then_sync() throws Exception {
        TestServer.Answer started = app.post(V1 + "/connections", admin,
                "{\"connector_type\":\"hubspot\",\"return_to\":\"" + RETURN_TO + "\"}");
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.json().get("mode").asText()).isEqualTo("oauth_redirect");
        String id = started.json().at("/connection/id").asText();
        assertThat(started.json().at("/connection/status").asText()).isEqualTo("pending");
        Map<String, String> authorize = query(started.json().get("authorize_url").asText());
        assertThat(authorize).containsEntry("client_id", "hubspot-client").containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", app.base + V1 + "/connections/oauth/callback");

        provider.stubFor(post(urlPathEqualTo("/oauth/v1/token")).withRequestBody(containing("code=the-code"))
                .willReturn(okJson("{\"access_token\":\"hs-access\",\"refresh_token\":\"hs-refresh\",\"expires_in\":1800}")));
        provider.stubFor(get(urlPathEqualTo("/oauth/v1/access-tokens/hs-access")).willReturn(okJson(
                "{\"hub_id\":4242,\"hub_domain\":\"acme.hubspot.com\",\"user\":\"ada@acme.com\",\"expires_in\":1800}")));
        TestServer.Answer callback = app.get(V1 + "/connections/oauth/callback?code=the-code&state="
                + authorize.get("state"), null);
        assertThat(callback.status()).isEqualTo(302);
        assertThat(callback.header("Location")).isEqualTo(RETURN_TO + "?connected=hubspot");

        String tokenRequest = provider.findAll(postRequestedFor(urlPathEqualTo("/oauth/v1/token"))).get(0).getBodyAsString();
        String verifier = query("?" + tokenRequest).get("code_verifier");
        assertThat(s256(verifier)).isEqualTo(authorize.get("code_challenge"));

        JsonNode connected = app.get(V1 + "/connections/" + id, admin).json();
        assertThat(connected.get("status").asText()).isEqualTo("connected");
        assertThat(connected.at("/account/external_account_id").asText()).isEqualTo("4242");
        assertThat(connected.at("/account/label").asText()).isEqualTo("acme.hubspot.com");

        TestServer.Answer replay = app.get(V1 + "/connections/oauth/callback?code=the-code&state="
                + authorize.get("state"), null);
        assertThat(replay.header("Location")).isEqualTo(RETURN_TO + "?connection_error=invalid_state");

        provider.stubFor(get(urlPathMatching("/crm/v3/(objects/.*|owners)")).atPriority(1)
                .withQueryParam("archived", equalTo("true")).willReturn(okJson("{\"results\":[]}"))); // nothing archived
        provider.stubFor(get(urlPathMatching("/crm/v3/(objects/.*|owners)")).withHeader("Authorization",
                equalTo("Bearer hs-access")).willReturn(okJson("{\"results\":[{\"id\":\"1\"},{\"id\":\"2\"},{\"id\":\"3\"}]}")));
        app.tickAndDrain();
        assertThat(status(id).at("/last_run/records_written").asInt()).isEqualTo(15);
        assertThat(status(id).get("health").asText()).isEqualTo("healthy");
    }

    @Test
    void a_denied_authorization_flashes_the_error_and_leaves_the_connection_to_reconnect() {
        TestServer.Answer started = app.post(V1 + "/connections", admin,
                "{\"connector_type\":\"hubspot\",\"return_to\":\"https://evil.example/x\"}");
        Map<String, String> authorize = query(started.json().get("authorize_url").asText());
        TestServer.Answer callback = app.get(V1 + "/connections/oauth/callback?error=access_denied&state="
                + authorize.get("state"), null);
        assertThat(callback.status()).as("a foreign return_to is ignored: the service's own page").isNotEqualTo(302);
        assertThat(callback.body()).contains("access_denied");
        JsonNode connection = app.get(V1 + "/connections/" + started.json().at("/connection/id").asText(), admin).json();
        assertThat(connection.get("status").asText()).isEqualTo("error");
        assertThat(connection.at("/health_detail/next_action").asText()).isEqualTo("connect_again");
    }

    @Test
    void another_workspaces_id_answers_exactly_like_a_missing_one() {
        pipedriveStreams(200);
        String id = connectPipedrive();
        String stranger = app.token("globex", "eve", Role.ADMIN, false);
        TestServer.Answer foreign = app.get(V1 + "/connections/" + id, stranger);
        TestServer.Answer missing = app.get(V1 + "/connections/00000000-0000-0000-0000-000000000000", stranger);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(missing.body())
                .isEqualTo("{\"error\":{\"code\":\"connection_not_found\",\"message\":\"Connection not found\"}}");
        assertThat(app.call("DELETE", V1 + "/connections/" + id, stranger, null).body()).isEqualTo(missing.body());
        assertThat(status(id).get("status").asText()).isEqualTo("connected");
    }

    @Test
    void a_database_lost_mid_flight_answers_503_database_unavailable() throws Exception {
        pipedriveStreams(200);
        connectPipedrive();
        try (var jdbc = java.sql.DriverManager.getConnection(app.runtime.config.dbUrl());
                var statement = jdbc.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        TestServer.Answer answer = app.get(V1 + "/connections", admin);
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.json().at("/error/code").asText()).isEqualTo("database_unavailable");
        assertThat(answer.body()).doesNotContain("jdbc:");
    }

    @Test
    void an_expiring_token_is_refreshed_and_the_rotation_stored_then_invalid_grant_needs_reauth() throws Exception {
        TestServer.Answer started = app.post(V1 + "/connections", admin, "{\"connector_type\":\"hubspot\"}");
        String id = started.json().at("/connection/id").asText();
        String state = query(started.json().get("authorize_url").asText()).get("state");
        provider.stubFor(post(urlPathEqualTo("/oauth/v1/token")).withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson("{\"access_token\":\"hs-old\",\"refresh_token\":\"r1\",\"expires_in\":60}")));
        provider.stubFor(get(urlPathMatching("/oauth/v1/access-tokens/.*")).willReturn(okJson(
                "{\"hub_id\":4242,\"hub_domain\":\"acme.hubspot.com\"}")));
        app.get(V1 + "/connections/oauth/callback?code=c&state=" + state, null);
        provider.stubFor(post(urlPathEqualTo("/oauth/v1/token")).withRequestBody(containing("refresh_token=r1"))
                .willReturn(okJson("{\"access_token\":\"hs-new\",\"refresh_token\":\"r2\",\"expires_in\":60}")));
        provider.stubFor(post(urlPathEqualTo("/oauth/v1/token")).withRequestBody(containing("refresh_token=r2"))
                .willReturn(aResponse().withStatus(400).withBody(
                        "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token is invalid, expired or revoked\"}")));
        provider.stubFor(get(urlPathMatching("/crm/v3/(objects/.*|owners)")).atPriority(1)
                .withQueryParam("archived", equalTo("true")).willReturn(okJson("{\"results\":[]}"))); // nothing archived
        provider.stubFor(get(urlPathMatching("/crm/v3/(objects/.*|owners)")).withHeader("Authorization",
                equalTo("Bearer hs-new")).willReturn(okJson("{\"results\":[{\"id\":\"1\"}]}")));

        app.tickAndDrain();
        assertThat(status(id).at("/last_run/status").asText()).as("synced with the refreshed token").isEqualTo("completed");
        JsonNode events = app.get(V1 + "/connections/" + id + "/events", admin).json().get("events");
        assertThat(events.findValuesAsText("type")).contains("credentials_refreshed");

        assertThat(app.post(V1 + "/connections/" + id + "/sync", admin, null).status()).isEqualTo(202);
        app.tickAndDrain(); // the stored, rotated refresh token r2 is the one sent, and refused
        JsonNode after = status(id);
        assertThat(after.get("health").asText()).isEqualTo("needs_reauth");
        assertThat(after.at("/last_run/error_reason").asText()).isEqualTo("auth");
        assertThat(app.get(V1 + "/connections/" + id + "/events", admin).json().get("events").findValuesAsText("type"))
                .contains("credentials_rejected");
        assertThat(provider.findAll(postRequestedFor(urlPathEqualTo("/oauth/v1/token"))
                .withRequestBody(containing("refresh_token=r2")))).hasSize(1);
    }

    static Map<String, String> query(String url) {
        return Arrays.stream(URI.create(url.replace(" ", "%20")).getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8),
                        (a, b) -> a));
    }

    static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
