package com.amdahl.connections.application.service;

import static com.amdahl.connections.application.service.ConnectFlowsTest.apiKey;
import static com.amdahl.connections.application.service.ConnectFlowsTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectOutcome;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.workspace.ConnectionId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WebhookTest {
    private final InMemoryPorts ports = new InMemoryPorts();
    private final Principal admin = ports.admin("acme", "alice");
    private final ConnectOutcome hook = ports.app.connect().connect(admin, apiKey("test_webhook", null));
    private final ConnectionId id = hook.connection().connection().id();
    private final String secret = hook.signingSecret();

    private String now() {
        return Long.toString(ports.clock.instant().getEpochSecond());
    }

    private static String sign(String secret, String timestamp, String body) {
        return "sha256=" + HexFormat.of().formatHex(WebhookService.hmac(secret,
                (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body.getBytes(StandardCharsets.UTF_8)));
    }

    private String deliver(String workspace, ConnectionId target, String timestamp, String signature, String body) {
        return ports.app.webhooks().receive(workspace, target.value(), timestamp, signature, "evt-1",
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_signed_delivery_is_stored_and_counts_as_a_sync() {
        String body = "{\"event\":\"ticket.created\",\"id\":7}";
        assertThat(deliver("acme", id, now(), sign(secret, now(), body), body)).isEqualTo("evt-1");
        assertThat(ports.storage.records(admin.workspaceId(), id, "events")).containsEntry("evt-1", body);
        assertThat(ports.app.queries().get(admin, id).connection().sync().lastSyncedAt()).isEqualTo(ports.clock.instant());
        String again = "{\"event\":\"ticket.created\",\"id\":8}";
        deliver("acme", id, now(), sign(secret, now(), again), again);
        assertThat(ports.storage.records(admin.workspaceId(), id, "events")).containsOnlyKeys("evt-1").containsValue(again);
    }

    @Test
    void a_wrong_signature_or_a_stale_timestamp_is_refused() {
        String body = "{}";
        assertThat(refusal(() -> deliver("acme", id, now(), sign("whsec_other", now(), body), body)))
                .isEqualTo(ErrorCode.INVALID_SIGNATURE);
        assertThat(refusal(() -> deliver("acme", id, now(), sign(secret, now(), body), "{\"tampered\":1}")))
                .isEqualTo(ErrorCode.INVALID_SIGNATURE);
        assertThat(refusal(() -> deliver("acme", id, now(), "sha256=zz", body))).isEqualTo(ErrorCode.INVALID_SIGNATURE);
        assertThat(refusal(() -> deliver("acme", id, "yesterday", sign(secret, now(), body), body)))
                .isEqualTo(ErrorCode.INVALID_SIGNATURE);
        String old = Long.toString(ports.clock.instant().minus(Duration.ofMinutes(6)).getEpochSecond());
        assertThat(refusal(() -> deliver("acme", id, old, sign(secret, old, body), body)))
                .as("a replay outside the window").isEqualTo(ErrorCode.INVALID_SIGNATURE);
        assertThat(ports.storage.records(admin.workspaceId(), id, "events")).isEmpty();
    }

    @Test
    void unknown_foreign_and_non_webhook_connections_are_not_found() {
        ports.admin("globex", "eve");
        String body = "{}";
        assertThat(refusal(() -> deliver("globex", id, now(), sign(secret, now(), body), body)))
                .isEqualTo(ErrorCode.CONNECTION_NOT_FOUND);
        assertThat(refusal(() -> deliver("acme", new ConnectionId("nope"), now(), sign(secret, now(), body), body)))
                .isEqualTo(ErrorCode.CONNECTION_NOT_FOUND);
        ConnectionId pipedrive = ports.app.connect().connect(admin, apiKey("pipedrive", "good")).connection().connection().id();
        assertThat(refusal(() -> deliver("acme", pipedrive, now(), sign(secret, now(), body), body)))
                .isEqualTo(ErrorCode.CONNECTION_NOT_FOUND);
        assertThat(refusal(() -> deliver("not a workspace!", id, now(), sign(secret, now(), body), body)))
                .isEqualTo(ErrorCode.CONNECTION_NOT_FOUND);
    }

    @Test
    void a_paused_or_disconnected_connection_refuses_deliveries() {
        String body = "{}";
        ports.app.manage().pause(admin, id);
        assertThat(refusal(() -> deliver("acme", id, now(), sign(secret, now(), body), body)))
                .isEqualTo(ErrorCode.CONNECTION_NOT_SYNCABLE);
        ports.app.manage().disconnect(admin, id);
        assertThat(refusal(() -> deliver("acme", id, now(), sign(secret, now(), body), body)))
                .as("the secret is erased on disconnect").isEqualTo(ErrorCode.CONNECTION_NOT_FOUND);
    }
}
