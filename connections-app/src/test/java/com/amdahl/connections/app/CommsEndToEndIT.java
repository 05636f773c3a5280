package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
 * Slack (workspace OAuth) and Gmail (personal OAuth, as its owner) through the real server: authorize,
 * callback, token exchange, identity, then the scheduler's first run over every stream against
 * stubs in the providers' shapes. A personal mailbox stays its owner's: another member cannot see it.
 */
class CommsEndToEndIT {
    private static final String V1 = "/api/platform/v1";

    @TempDir
    Path dir;
    WireMockServer provider;
    TestServer app;

    @BeforeEach
    void start() {
        provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        String base = "http://127.0.0.1:" + provider.port();
        Map<String, String> env = TestServer.env(dir, base);
        for (String type : new String[] {"SLACK", "GMAIL"}) {
            env.put("CONNECTIONS_" + type + "_API_BASE_URL", base);
            env.put("CONNECTIONS_" + type + "_CLIENT_ID", type.toLowerCase() + "-client");
            env.put("CONNECTIONS_" + type + "_CLIENT_SECRET", type.toLowerCase() + "-SECRET");
            env.put("CONNECTIONS_" + type + "_AUTHORIZE_URL", base + "/authorize/" + type.toLowerCase());
        }
        env.put("CONNECTIONS_SLACK_TOKEN_URL", base + "/api/oauth.v2.access");
        env.put("CONNECTIONS_GMAIL_TOKEN_URL", base + "/token");
        app = new TestServer(env, SyncSettings.defaults().withLease(Duration.ofMillis(500), Duration.ofSeconds(3)));
    }

    @AfterEach
    void stop() {
        app.close();
        provider.stop();
    }

    /** Starts the OAuth connect as {@code token}, answers the callback, and returns the connection id. */
    private String connect(String token, String type) {
        TestServer.Answer started = app.post(V1 + "/connections", token, "{\"connector_type\":\"" + type + "\"}");
        assertThat(started.status()).isEqualTo(201);
        String state = EndToEndIT.query(started.json().get("authorize_url").asText()).get("state");
        assertThat(app.get(V1 + "/connections/oauth/callback?code=" + type + "-code&state=" + state, null).status())
                .isIn(200, 302);
        return started.json().at("/connection/id").asText();
    }

    private JsonNode status(String token, String id) {
        return app.get(V1 + "/connections/" + id + "/status", token).json();
    }

    /** Slack's OAuth and its four streams; channel C1 holds {@code messages} (the inside of the array). */
    private void stubSlack(String messages) {
        provider.stubFor(post(urlPathEqualTo("/api/oauth.v2.access")).withRequestBody(containing("code=slack-code"))
                .willReturn(okJson("{\"ok\":true,\"access_token\":\"xoxb-SECRET\",\"token_type\":\"bot\",\"scope\":\"channels:read\","
                        + "\"team\":{\"id\":\"T1\",\"name\":\"Acme\"}}")));
        provider.stubFor(post(urlPathEqualTo("/api/auth.test")).willReturn(okJson("{\"ok\":true,\"team_id\":\"T1\",\"team\":\"Acme\"}")));
        String bearer = "Bearer xoxb-SECRET";
        provider.stubFor(get(urlPathEqualTo("/api/conversations.list")).withHeader("Authorization", equalTo(bearer)).willReturn(okJson(
                "{\"ok\":true,\"channels\":[{\"id\":\"C1\",\"is_member\":true}],\"response_metadata\":{\"next_cursor\":\"\"}}")));
        provider.stubFor(get(urlPathEqualTo("/api/conversations.history")).withQueryParam("channel", equalTo("C1")).willReturn(okJson(
                "{\"ok\":true,\"messages\":[" + messages + "],\"has_more\":false}")));
        provider.stubFor(get(urlPathEqualTo("/api/users.list")).willReturn(okJson("{\"ok\":true,\"members\":[{\"id\":\"U1\"}]}")));
        provider.stubFor(get(urlPathEqualTo("/api/team.info")).willReturn(okJson("{\"ok\":true,\"team\":{\"id\":\"T1\"}}")));
    }

    @Test
    void slack_connects_with_oauth_and_its_first_scheduled_run_completes() {
        String admin = app.token("acme", "alice", Role.ADMIN, false);
        stubSlack("{\"ts\":\"1700000001.000100\",\"text\":\"a\"},{\"ts\":\"1700000002.000100\",\"text\":\"b\"}");

        String id = connect(admin, "slack");
        assertThat(status(admin, id).get("status").asText()).isEqualTo("connected");
        app.tickAndDrain();
        JsonNode after = status(admin, id);
        assertThat(after.at("/last_run/status").asText()).isEqualTo("completed");
        assertThat(after.at("/last_run/streams_total").asInt()).isEqualTo(4);
        assertThat(after.at("/last_run/records_written").asInt()).isEqualTo(1 + 2 + 1 + 1);
        assertThat(after.get("health").asText()).isEqualTo("healthy");
    }

    /** Gmail's OAuth, profile and streams: one thread {@code t1} and message {@code m1} whose headers are {@code headers}. */
    private void stubGmail(String headers) {
        provider.stubFor(post(urlPathEqualTo("/token")).withRequestBody(containing("code=gmail-code"))
                .willReturn(okJson("{\"access_token\":\"ya29.SECRET\",\"refresh_token\":\"1//r\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
        String bearer = "Bearer ya29.SECRET";
        provider.stubFor(get(urlPathEqualTo("/gmail/v1/users/me/profile")).withHeader("Authorization", equalTo(bearer))
                .willReturn(okJson("{\"emailAddress\":\"ada@acme.com\",\"historyId\":\"500\"}")));
        provider.stubFor(get(urlPathEqualTo("/gmail/v1/users/me/messages")).withHeader("Authorization", equalTo(bearer))
                .willReturn(okJson("{\"messages\":[{\"id\":\"m1\",\"threadId\":\"t1\"}]}")));
        provider.stubFor(get(urlPathEqualTo("/gmail/v1/users/me/messages/m1")).withHeader("Authorization", equalTo(bearer))
                .willReturn(okJson("{\"id\":\"m1\",\"threadId\":\"t1\",\"historyId\":\"499\",\"labelIds\":[\"INBOX\"],"
                        + "\"payload\":{\"headers\":[" + headers + "]}}")));
        provider.stubFor(get(urlPathEqualTo("/gmail/v1/users/me/threads")).willReturn(okJson("{\"threads\":[{\"id\":\"t1\"}]}")));
        provider.stubFor(get(urlPathEqualTo("/gmail/v1/users/me/labels")).willReturn(okJson("{\"labels\":[{\"id\":\"INBOX\"}]}")));
    }

    @Test
    void gmail_syncs_as_its_owner_and_no_other_member_can_see_it() {
        String owner = app.token("acme", "ada", Role.MEMBER, false);
        String colleague = app.token("acme", "bob", Role.MEMBER, false);
        stubGmail("{\"name\":\"Subject\",\"value\":\"Hi\"}");

        String id = connect(owner, "gmail");
        app.tickAndDrain();
        JsonNode after = status(owner, id);
        assertThat(after.at("/last_run/status").asText()).isEqualTo("completed");
        assertThat(after.at("/last_run/streams_total").asInt()).isEqualTo(3);
        assertThat(after.at("/last_run/records_written").asInt()).isEqualTo(3);

        assertThat(app.get(V1 + "/connections", colleague).body()).doesNotContain(id).doesNotContain("ada@acme.com");
        TestServer.Answer foreign = app.get(V1 + "/connections/" + id, colleague);
        TestServer.Answer missing = app.get(V1 + "/connections/00000000-0000-0000-0000-000000000000", colleague);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(missing.body());
        assertThat(app.get(V1 + "/connections/" + id + "/runs", colleague).status()).isEqualTo(404);
        assertThat(app.post(V1 + "/connections/" + id + "/sync", colleague, null).status()).isEqualTo(404);
    }

    /**
     * Erasure of a data subject reaches a member's personal mailbox as well as a workspace
     * connection, in one request by an admin who may not read that mailbox and learns nothing of
     * it but counts; the owner's feed shows the tombstone, and the mailbox's next sync (a full pass
     * after Gmail forgot the history id) stores the message again as suppressed, not as a record.
     */
    @Test
    void erasure_reaches_a_members_gmail_and_a_workspace_slack_and_the_next_sync_suppresses_the_subject() {
        String subject = "ann.subject@acme-example.com";
        String admin = app.token("acme", "alice", Role.ADMIN, false);
        String owner = app.token("acme", "ada", Role.MEMBER, false);
        stubSlack("{\"ts\":\"1700000001.000100\",\"text\":\"ping " + subject + " about the merger\"},"
                + "{\"ts\":\"1700000002.000100\",\"text\":\"lunch?\"}");
        stubGmail("{\"name\":\"Subject\",\"value\":\"Merger plan\"},{\"name\":\"From\",\"value\":\"Ann <" + subject + ">\"}");
        String slack = connect(admin, "slack");
        String gmail = connect(owner, "gmail");
        app.tickAndDrain();
        assertThat(status(owner, gmail).at("/last_run/records_written").asInt()).isEqualTo(3);
        assertThat(app.get(V1 + "/connections/" + gmail + "/records", admin).status())
                .as("the admin sees the connection but may not read the mailbox").isEqualTo(403);

        TestServer.Answer erased = app.post(V1 + "/records/erasure", admin, "{\"subject\":\"" + subject + "\"}");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);
        assertThat(erased.body()).doesNotContain(subject).doesNotContain("Merger").doesNotContain("merger");
        assertThat(erased.json().get("records").asInt()).isEqualTo(2);
        Map<String, String> perConnection = new java.util.HashMap<>();
        erased.json().get("connections").forEach(c -> perConnection.put(c.get("connection_id").asText(),
                c.at("/streams/0/stream").asText() + "=" + c.at("/streams/0/records").asInt()));
        assertThat(perConnection).containsOnly(Map.entry(slack, "messages=1"), Map.entry(gmail, "messages=1"));

        JsonNode mailbox = app.get(V1 + "/connections/" + gmail + "/records?stream=messages", owner).json().get("records");
        assertThat(mailbox).hasSize(1);
        assertThat(mailbox.get(0).get("action").asText()).isEqualTo("deleted");
        assertThat(mailbox.get(0).get("purged").asText()).isEqualTo("erasure");
        assertThat(mailbox.get(0).get("data").isNull()).isTrue();

        provider.stubFor(get(urlPathEqualTo("/gmail/v1/users/me/history")).willReturn(com.github.tomakehurst.wiremock.client
                .WireMock.aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\",\"status\":\"NOT_FOUND\"}}")));
        assertThat(app.post(V1 + "/connections/" + gmail + "/sync", owner, null).status()).isEqualTo(202);
        app.tickAndDrain();
        JsonNode again = status(owner, gmail);
        assertThat(again.at("/last_run/status").asText()).as(again.toString()).isEqualTo("completed");
        assertThat(again.at("/last_run/records_suppressed").asInt()).isEqualTo(1);
        JsonNode stillGone = app.get(V1 + "/connections/" + gmail + "/records?stream=messages", owner).json().get("records");
        assertThat(stillGone.get(0).get("data").isNull()).as("not stored again").isTrue();
    }
}
