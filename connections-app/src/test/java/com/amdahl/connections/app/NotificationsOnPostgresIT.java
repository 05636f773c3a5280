package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amdahl.connections.adapter.persistence.PostgresTestDatabase;
import com.amdahl.connections.application.NotificationWorker;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.in.ManageNotificationEndpoints.NewEndpoint;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two application instances with their own pools and delivery workers share one PostgreSQL
 * database: 200 health changes made through both become exactly 200 deliveries, none twice, and
 * each connection's arrive in the order they happened.
 */
class NotificationsOnPostgresIT {
    private static final int CONNECTIONS = 20;
    private static final int CYCLES = 5; // disconnect + reconnect: two health changes each

    private WireMockServer provider;
    private Receiver receiver;
    private PostgresTestDatabase.Database database;
    private ConnectionsRuntime first;
    private ConnectionsRuntime second;
    private final List<NotificationWorker> workers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        provider.stubFor(get(urlPathEqualTo("/v1/users/me"))
                .willReturn(okJson("{\"success\":true,\"data\":{\"company_id\":1,\"company_name\":\"Acme\"}}")));
        receiver = new Receiver();
        database = PostgresTestDatabase.freshSchema("notify");
        Map<String, String> env = TestServer.postgresEnv(database, "http://127.0.0.1:" + provider.port());
        env.put("CONNECTIONS_NOTIFY_ALLOW_HTTP", "true");
        env.put("CONNECTIONS_NOTIFY_ALLOW_PRIVATE", "true");
        AppConfig config = AppConfig.fromEnvironment(env, "127.0.0.1", 8080);
        first = ConnectionsRuntime.open(config, SyncSettings.defaults());
        second = ConnectionsRuntime.open(config, SyncSettings.defaults());
    }

    @AfterEach
    void stop() {
        workers.forEach(NotificationWorker::close);
        first.close();
        second.close();
        receiver.close();
        provider.stop();
    }

    @Test
    void two_engines_deliver_200_health_changes_exactly_once_each_in_order_per_connection() {
        first.app.administration().createWorkspace("acme", "Acme");
        first.app.administration().addMember("acme", "alice", Role.ADMIN);
        Principal admin = first.app.authenticate()
                .authenticate(first.app.administration().createToken("acme", "alice", false)).orElseThrow();
        first.app.notifications().endpoints().create(admin,
                new NewEndpoint(receiver.url() + "/hook", List.of("connection.health_changed"), null));
        List<ConnectionId> ids = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            ids.add(first.app.connect().connect(admin, new ConnectCommand("pipedrive", "P" + i, null, null, "pd-key",
                    null, null, null, null)).connection().connection().id());
        }
        for (ConnectionsRuntime runtime : List.of(first, second)) {
            workers.add(runtime.app.startNotificationWorker(2, Duration.ofMillis(20)));
        }

        for (int cycle = 0; cycle < CYCLES; cycle++) {
            for (int i = 0; i < CONNECTIONS; i++) {
                ConnectionsRuntime via = (i + cycle) % 2 == 0 ? first : second;
                via.app.manage().disconnect(admin, ids.get(i));
                via.app.reconnect().reconnect(admin, ids.get(i), "pd-key", null);
            }
        }

        int expected = CONNECTIONS * CYCLES * 2;
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= expected
                && first.app.notifications().delivery().pendingCount() == 0);
        List<Receiver.Delivery> received = receiver.received();
        Set<String> ids1 = new HashSet<>();
        Map<String, List<String>> toByConnection = new LinkedHashMap<>();
        for (Receiver.Delivery delivery : received) {
            assertThat(ids1.add(delivery.header("X-Connections-Delivery"))).as("delivered once").isTrue();
            JsonNode body = parse(delivery.body());
            toByConnection.computeIfAbsent(body.path("connection").path("id").asText(), k -> new ArrayList<>())
                    .add(body.path("data").path("to").asText());
        }
        assertThat(received).hasSize(expected);
        assertThat(toByConnection).hasSize(CONNECTIONS);
        List<String> alternating = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            alternating.add("disconnected");
            alternating.add("healthy");
        }
        toByConnection.values().forEach(order -> assertThat(order).isEqualTo(alternating));
    }

    private static JsonNode parse(String json) {
        try {
            return TestServer.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
