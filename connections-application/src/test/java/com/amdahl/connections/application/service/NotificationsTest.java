package com.amdahl.connections.application.service;

import static com.amdahl.connections.application.service.ConnectFlowsTest.apiKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.in.DeliverNotifications;
import com.amdahl.connections.application.port.in.ManageNotificationEndpoints;
import com.amdahl.connections.application.port.in.ManageNotificationEndpoints.EndpointChange;
import com.amdahl.connections.application.port.in.ManageNotificationEndpoints.NewEndpoint;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.NotificationDelivery;
import com.amdahl.connections.application.port.out.NotificationDelivery.State;
import com.amdahl.connections.application.port.out.NotificationSender.Response;
import com.amdahl.connections.application.port.out.Telemetry;
import com.amdahl.connections.application.testing.FakeNotificationSender.Received;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.notification.NotificationType;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.workspace.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class NotificationsTest {
    private final InMemoryPorts ports = new InMemoryPorts();
    private final ManageNotificationEndpoints endpoints = ports.app.notifications().endpoints();
    private final DeliverNotifications delivery = ports.app.notifications().delivery();
    private final Principal admin = ports.admin("acme", "alice");

    private String subscribe(List<String> events) {
        return endpoints.create(admin, new NewEndpoint("https://hooks.acme.test/in", events, "ops")).endpoint().id()
                .value();
    }

    private ConnectionId pipedrive() {
        return ports.app.connect().connect(admin, apiKey("pipedrive", "good")).connection().connection().id();
    }

    private void runOnce() {
        ports.app.syncEngine().dispatchDue(100).forEach(run -> ports.app.syncEngine().execute(run));
        ports.clock.advance(Duration.ofHours(1));
    }

    /** The types written to the outbox, in order, with health changes spelled "from>to". */
    private List<String> written() {
        return ports.notifications.allDeliveries().stream().map(d -> d.type() == NotificationType.CONNECTION_HEALTH_CHANGED
                ? d.body().replaceAll(".*\"from\":\"(\\w+)\",\"to\":\"(\\w+)\".*", "$1>$2") : d.type().wire()).toList();
    }

    @Test
    void routine_syncs_fire_nothing() {
        subscribe(null);
        pipedrive();
        for (int i = 0; i < 5; i++) {
            runOnce();
        }
        assertThat(ports.notifications.allDeliveries()).isEmpty();
    }

    @Test
    void each_event_type_fires_exactly_once_for_its_cause() {
        subscribe(null);
        ConnectionId id = pipedrive();
        runOnce();
        ports.puller.failures.put("alpha", ErrorReason.TRANSIENT);
        ports.puller.failures.put("beta", ErrorReason.TRANSIENT);
        runOnce();
        assertThat(written()).containsExactly("healthy>error", "run.failed");
        runOnce(); // fails again: another failed run, but the health did not change
        assertThat(written()).containsExactly("healthy>error", "run.failed", "run.failed");
        ports.puller.failures.clear();
        runOnce();
        assertThat(written()).endsWith("error>healthy");

        ports.app.manage().disconnect(admin, id);
        assertThat(written()).endsWith("connection.disconnected", "healthy>disconnected");
        ports.app.reconnect().reconnect(admin, id, "good-2", null);
        assertThat(written()).endsWith("connection.reconnected", "disconnected>healthy");
        assertThat(written()).hasSize(8);
    }

    @Test
    void a_rejected_refresh_fires_credentials_rejected_run_failed_and_the_health_change_once() {
        subscribe(null);
        var outcome = ports.app.connect().connect(admin,
                new ConnectCommand("hubspot", null, null, null, null, null, null, null, null));
        ports.app.oauthCallback().complete(OAuthCallbackTest.query(outcome.authorizeUrl()).get("state"), "code", null);
        ConnectionId id = outcome.connection().connection().id();
        ports.storage.vault.store(admin.workspaceId(), id, new Credentials(Map.of(Credentials.ACCESS_TOKEN, "old",
                Credentials.REFRESH_TOKEN, "r1"), ports.clock.instant().minusSeconds(1)));
        ports.providers.refreshRefusal = ErrorCode.INVALID_CREDENTIALS;
        runOnce();
        assertThat(written()).containsExactlyInAnyOrder("connection.credentials_rejected", "healthy>needs_reauth",
                "run.failed");
    }

    @Test
    void staleness_is_announced_once_by_the_sweep_and_its_end_by_the_next_run() {
        subscribe(List.of("connection.health_changed"));
        pipedrive();
        runOnce();
        assertThat(delivery.sweepStale(100)).isZero();
        ports.clock.advance(Duration.ofHours(49));
        assertThat(delivery.sweepStale(100)).isEqualTo(1);
        assertThat(delivery.sweepStale(100)).isZero();
        assertThat(written()).containsExactly("healthy>stale");
        runOnce();
        assertThat(written()).containsExactly("healthy>stale", "stale>healthy");
    }

    @Test
    void the_signature_verifies_with_the_documented_scheme() throws Exception {
        var created = endpoints.create(admin, new NewEndpoint("https://hooks.acme.test/in", null, null));
        pipedrive();
        ports.puller.failures.put("alpha", ErrorReason.AUTH);
        ports.puller.failures.put("beta", ErrorReason.AUTH);
        runOnce();
        assertThat(delivery.deliverDue(10)).as("one connection: one at a time").isEqualTo(1);
        Received first = ports.notifications.sender.received().get(0);
        String timestamp = first.headers().get("X-Connections-Timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(created.signingSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(
                mac.doFinal((timestamp + "." + first.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(first.headers().get("X-Connections-Signature")).isEqualTo(expected);
        assertThat(first.body()).startsWith("{\"id\":\"" + first.headers().get("X-Connections-Delivery") + "\"")
                .contains("\"workspace_id\":\"acme\"", "\"connector_type\":\"pipedrive\"", "\"next_action\":\"reconnect\"");
        assertThat(created.signingSecret()).startsWith("whsec_");
        assertThat(first.body()).doesNotContain(created.signingSecret());
    }

    @Test
    void every_delivery_attempt_is_reported_to_telemetry_by_outcome() {
        List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Telemetry recorder = new Telemetry() {
            @Override
            public void notificationDelivery(String outcome) {
                outcomes.add(outcome);
            }
        };
        ConnectionsApplication reporting = ports.builder().telemetry(recorder).build();
        reporting.notifications().endpoints().create(admin,
                new NewEndpoint("https://hooks.acme.test/in", List.of("connection.disconnected"), "ops"));
        ConnectionId id = reporting.connect().connect(admin, apiKey("pipedrive", "good")).connection().connection().id();
        reporting.manage().disconnect(admin, id);
        ports.notifications.sender.answer(new Response(500, null));

        reporting.notifications().delivery().deliverDue(10);
        ports.clock.advance(Duration.ofSeconds(10));
        reporting.notifications().delivery().deliverDue(10);

        assertThat(outcomes).containsExactly("retrying", "delivered");
    }

    @Test
    void a_receiver_answering_500_twice_then_200_gets_three_attempts_with_backoff_and_one_delivery() {
        String endpoint = subscribe(List.of("connection.disconnected"));
        ConnectionId id = pipedrive();
        ports.app.manage().disconnect(admin, id);
        ports.notifications.sender.answer(new Response(500, null), new Response(500, null));

        assertThat(delivery.deliverDue(10)).isEqualTo(1);
        assertThat(delivery.deliverDue(10)).as("not before its backoff").isZero();
        ports.clock.advance(Duration.ofSeconds(10));
        assertThat(delivery.deliverDue(10)).isEqualTo(1);
        ports.clock.advance(Duration.ofSeconds(10));
        assertThat(delivery.deliverDue(10)).as("the second backoff is longer").isZero();
        ports.clock.advance(Duration.ofSeconds(10));
        assertThat(delivery.deliverDue(10)).isEqualTo(1);
        assertThat(delivery.deliverDue(10)).isZero();

        List<Received> received = ports.notifications.sender.received();
        assertThat(received).hasSize(3);
        assertThat(received).extracting(r -> r.headers().get("X-Connections-Delivery")).containsOnly(
                received.get(0).headers().get("X-Connections-Delivery"));
        NotificationDelivery logged = endpoints.deliveries(admin, endpoint, null).get(0);
        assertThat(logged.state()).isEqualTo(State.DELIVERED);
        assertThat(logged.attempts()).isEqualTo(3);
        assertThat(logged.lastStatusCode()).isEqualTo(200);
        assertThat(delivery.pendingCount()).isZero();
    }

    @Test
    void deliveries_of_one_connection_go_out_one_at_a_time_in_order() {
        subscribe(null);
        ConnectionId id = pipedrive();
        ports.app.manage().disconnect(admin, id);
        ports.app.reconnect().reconnect(admin, id, "good-2", null);
        ports.app.manage().disconnect(admin, id);
        ports.notifications.sender.answer(new Response(503, null));
        delivery.deliverDue(100);
        assertThat(ports.notifications.sender.received()).as("the head failed: the rest wait behind it").hasSize(1);
        ports.clock.advance(Duration.ofMinutes(1));
        while (delivery.deliverDue(100) > 0) {
            ports.clock.advance(Duration.ofSeconds(1));
        }
        List<String> sentEvents = ports.notifications.sender.received().stream()
                .map(r -> r.headers().get("X-Connections-Event")).toList();
        assertThat(sentEvents).containsExactly("connection.disconnected", "connection.disconnected",
                "connection.health_changed", "connection.reconnected", "connection.health_changed",
                "connection.disconnected", "connection.health_changed");
    }

    @Test
    void a_delivery_is_given_up_after_24_hours_and_an_endpoint_failing_for_three_days_is_disabled() {
        String failing = subscribe(List.of("connection.disconnected"));
        endpoints.create(admin, new NewEndpoint("https://other.acme.test/in", List.of("endpoint.disabled"), null));
        ConnectionId id = pipedrive();
        ports.app.manage().disconnect(admin, id);
        for (int i = 0; i < 200; i++) {
            ports.notifications.sender.answer(new Response(500, null));
        }
        for (int hour = 0; hour < 25; hour++) {
            delivery.deliverDue(10);
            ports.clock.advance(Duration.ofHours(1));
        }
        NotificationDelivery given = endpoints.deliveries(admin, failing, null).get(0);
        assertThat(given.state()).isEqualTo(State.FAILED);
        assertThat(given.lastError()).isEqualTo("answered 500");
        assertThat(endpoints.get(admin, failing).enabled()).isTrue();
        for (int day = 0; day < 3; day++) {
            ports.app.reconnect().reconnect(admin, id, "good-" + day, null);
            ports.app.manage().disconnect(admin, id);
            for (int hour = 0; hour < 25; hour++) {
                delivery.deliverDue(10);
                ports.clock.advance(Duration.ofHours(1));
            }
        }
        assertThat(endpoints.get(admin, failing).enabled()).isFalse();
        assertThat(endpoints.get(admin, failing).disabledReason()).isEqualTo("failing_for_3_days");
        assertThat(ports.notifications.allDeliveries()).extracting(NotificationDelivery::type)
                .containsOnlyOnce(NotificationType.ENDPOINT_DISABLED);
    }

    @Test
    void targets_must_be_https_on_public_addresses() {
        for (String url : List.of("http://hooks.acme.test/in", "https://127.0.0.1/in", "https://10.1.2.3/in",
                "https://169.254.169.254/latest", "https://localhost:8443/in", "https://[::1]/in",
                "https://user:pw@hooks.acme.test/in", "ftp://hooks.acme.test", "not a url",
                "https://hooks.invalid:99999/x", "https://0x7f000001/", "https://localhost./in")) {
            assertThatThrownBy(() -> endpoints.create(admin, new NewEndpoint(url, null, null))).as(url)
                    .isInstanceOfSatisfying(ConnectionsException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                        assertThat(e.details()).containsKey("url");
                    });
        }
    }

    @Test
    void a_name_that_resolves_inward_at_delivery_time_is_refused() {
        String endpoint = subscribe(null);
        ports.notifications.sender.resolveTo("hooks.acme.test", "10.0.0.7");
        assertThat(endpoints.test(admin, endpoint).state()).isEqualTo(State.FAILED);
        assertThat(endpoints.deliveries(admin, endpoint, "1").get(0).lastError()).contains("private address");
        assertThat(ports.notifications.sender.received()).isEmpty();
    }

    @Test
    void a_body_over_64_kib_is_never_sent() {
        String endpoint = subscribe(null);
        NotificationDelivery huge = NotificationDelivery.pending("d1", "e1", admin.workspaceId(),
                new com.amdahl.connections.domain.notification.NotificationEndpointId(endpoint), null,
                NotificationType.RUN_FAILED, "x".repeat(64 * 1024 + 1), ports.clock.instant());
        ports.notifications.outboxStore.enqueue(huge);
        delivery.deliverDue(10);
        assertThat(ports.notifications.sender.received()).isEmpty();
        assertThat(endpoints.deliveries(admin, endpoint, "1").get(0).state()).isEqualTo(State.FAILED);
    }

    @Test
    void the_delivery_log_forgets_finished_deliveries_after_30_days() {
        String endpoint = subscribe(null);
        endpoints.test(admin, endpoint);
        ports.clock.advance(Duration.ofDays(30));
        assertThat(delivery.purgeHistory()).isZero();
        ports.clock.advance(Duration.ofSeconds(1));
        assertThat(delivery.purgeHistory()).isEqualTo(1);
        assertThat(endpoints.deliveries(admin, endpoint, null)).isEmpty();
    }

    @Test
    void the_test_ping_is_signed_sent_and_logged() {
        String endpoint = subscribe(null);
        NotificationDelivery ping = endpoints.test(admin, endpoint);
        assertThat(ping.state()).isEqualTo(State.DELIVERED);
        assertThat(ping.lastStatusCode()).isEqualTo(200);
        assertThat(ports.notifications.sender.received().get(0).body()).contains("\"type\":\"ping\"");
        assertThat(endpoints.deliveries(admin, endpoint, null)).hasSize(1);
    }

    @Test
    void members_cannot_manage_endpoints_and_other_workspaces_ids_are_not_found() {
        String endpoint = subscribe(null);
        Principal member = ports.member("acme", "bob", Role.MEMBER);
        assertThatThrownBy(() -> endpoints.list(member)).isInstanceOfSatisfying(ConnectionsException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> endpoints.create(member, new NewEndpoint("https://x.test/", null, null)))
                .isInstanceOfSatisfying(ConnectionsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        Principal stranger = ports.admin("globex", "carol");
        for (String id : List.of(endpoint, "no-such-id")) {
            assertThatThrownBy(() -> endpoints.get(stranger, id)).isInstanceOfSatisfying(ConnectionsException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.NOTIFICATION_ENDPOINT_NOT_FOUND);
                assertThat(e.getMessage()).isEqualTo("Notification endpoint not found");
            });
            assertThatThrownBy(() -> endpoints.delete(stranger, id)).isInstanceOf(ConnectionsException.class);
            assertThatThrownBy(() -> endpoints.update(stranger, id, new EndpointChange(null, null, false)))
                    .isInstanceOf(ConnectionsException.class);
        }
        assertThat(endpoints.list(stranger)).isEmpty();
        assertThat(endpoints.get(admin, endpoint).enabled()).isTrue();
    }

    @Test
    void rotating_the_secret_answers_a_new_one_that_signs_from_then_on() {
        String endpoint = subscribe(null);
        String rotated = endpoints.rotateSecret(admin, endpoint).signingSecret();
        assertThat(ports.notifications.endpointStore.signingSecret(admin.workspaceId(),
                new com.amdahl.connections.domain.notification.NotificationEndpointId(endpoint))).contains(rotated);
    }
}
