package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amdahl.connections.application.NotificationWorker;
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

/** The real app (H2 on disk, real HTTP both ways): a disconnect reaches a receiver, signed as the README says. */
class NotificationsEndToEndIT {
    @TempDir
    Path dir;

    private WireMockServer provider;
    private Receiver receiver;
    private TestServer app;
    private NotificationWorker worker;
    private String token;

    private void start(Map<String, String> extra) {
        Map<String, String> env = TestServer.env(dir, "http://127.0.0.1:" + provider.port());
        env.putAll(extra);
        app = new TestServer(env, SyncSettings.defaults());
        worker = app.runtime.app.startNotificationWorker(1, Duration.ofMillis(50));
        token = app.token("acme", "alice", Role.ADMIN, false);
    }

    @BeforeEach
    void providerAndReceiver() throws Exception {
        provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        provider.stubFor(get(urlPathEqualTo("/v1/users/me"))
                .willReturn(okJson("{\"success\":true,\"data\":{\"company_id\":1,\"company_name\":\"Acme\"}}")));
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        if (app != null) {
            app.close();
        }
        receiver.close();
        provider.stop();
    }

    private String connection() {
        TestServer.Answer connected = app.post("/api/platform/v1/connections", token,
                "{\"connector_type\":\"pipedrive\",\"api_key\":\"pd-key\"}");
        assertThat(connected.status()).as(connected.body()).isEqualTo(201);
        return connected.json().path("connection").path("id").asText();
    }

    @Test
    void a_disconnect_is_delivered_signed_and_logged() {
        start(Map.of("CONNECTIONS_NOTIFY_ALLOW_HTTP", "true", "CONNECTIONS_NOTIFY_ALLOW_PRIVATE", "true"));
        TestServer.Answer created = app.post("/api/platform/v1/notification-endpoints", token,
                "{\"url\":\"" + receiver.url() + "/hook\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.json().path("signing_secret").asText();
        String endpoint = created.json().path("id").asText();
        String id = connection();

        assertThat(app.call("DELETE", "/api/platform/v1/connections/" + id, token, null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);

        for (Receiver.Delivery delivery : receiver.received()) {
            assertThat(delivery.signedWith(secret)).as(delivery.body()).isTrue();
            assertThat(delivery.header("Content-Type")).isEqualTo("application/json");
        }
        JsonNode first = TestServer.JSON.valueToTree(parse(receiver.received().get(0).body()));
        assertThat(first.path("type").asText()).isEqualTo("connection.disconnected");
        assertThat(first.path("id").asText()).isEqualTo(receiver.received().get(0).header("X-Connections-Delivery"));
        assertThat(first.path("connection").path("id").asText()).isEqualTo(id);
        assertThat(first.path("connection").path("status").asText()).isEqualTo("disconnected");
        JsonNode second = TestServer.JSON.valueToTree(parse(receiver.received().get(1).body()));
        assertThat(second.path("data").path("from").asText()).isEqualTo("healthy");
        assertThat(second.path("data").path("to").asText()).isEqualTo("disconnected");
        assertThat(second.path("data").path("next_action").asText()).isEqualTo("reconnect");

        JsonNode log = app.get("/api/platform/v1/notification-endpoints/" + endpoint + "/deliveries", token).json();
        assertThat(log.path("deliveries")).hasSize(2);
        assertThat(log.path("deliveries").findValuesAsText("state")).containsOnly("delivered");
    }

    @Test
    void a_redirecting_receiver_is_not_followed_and_the_attempt_is_retried_later() {
        start(Map.of("CONNECTIONS_NOTIFY_ALLOW_HTTP", "true", "CONNECTIONS_NOTIFY_ALLOW_PRIVATE", "true"));
        receiver.status = () -> 302;
        String endpoint = app.post("/api/platform/v1/notification-endpoints", token,
                "{\"url\":\"" + receiver.url() + "/hook\",\"events\":[\"connection.disconnected\"]}").json().path("id").asText();
        app.call("DELETE", "/api/platform/v1/connections/" + connection(), token, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> app.get("/api/platform/v1/notification-endpoints/"
                + endpoint + "/deliveries", token).json().path("deliveries").path(0).path("attempts").asInt() == 1);
        JsonNode delivery = app.get("/api/platform/v1/notification-endpoints/" + endpoint + "/deliveries", token)
                .json().path("deliveries").path(0);
        assertThat(delivery.path("state").asText()).isEqualTo("pending");
        assertThat(delivery.path("last_status_code").asInt()).isEqualTo(302);
        assertThat(delivery.path("last_error").asText()).contains("redirects are not followed");
        assertThat(delivery.path("next_attempt_at").isNull()).isFalse();
        assertThat(receiver.received()).hasSize(1).allMatch(d -> !d.body().contains("elsewhere"));
    }

    @Test
    void loopback_and_plain_http_targets_are_refused_unless_allowed() {
        start(Map.of());
        for (String url : new String[] {receiver.url() + "/hook", "https://127.0.0.1:1/hook", "https://192.168.1.10/hook",
                "https://[fe80::1]/hook"}) {
            TestServer.Answer refused = app.post("/api/platform/v1/notification-endpoints", token,
                    "{\"url\":\"" + url + "\"}");
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.json().path("error").path("details").has("url")).isTrue();
        }
        assertThat(receiver.received()).isEmpty();
    }

    private static Object parse(String json) {
        try {
            return TestServer.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
