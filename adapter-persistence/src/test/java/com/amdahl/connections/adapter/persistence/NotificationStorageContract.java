package com.amdahl.connections.adapter.persistence;

import static com.amdahl.connections.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.application.port.out.NotificationDelivery;
import com.amdahl.connections.application.port.out.NotificationDelivery.State;
import com.amdahl.connections.application.port.out.StaleMarks.Candidate;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.notification.NotificationEndpoint;
import com.amdahl.connections.domain.notification.NotificationEndpointId;
import com.amdahl.connections.domain.notification.NotificationType;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the notification storage (endpoints, outbox, stale marks) must do on every database. */
abstract class NotificationStorageContract extends DatabaseContract {
    private static final String SECRET = "whsec_super-secret-value";

    private NotificationEndpoint endpoint(WorkspaceId ws) {
        NotificationEndpoint endpoint = NotificationEndpoint.create(new NotificationEndpointId(Fixtures.newId("ep")), ws,
                "https://hooks.acme.test/in", Set.of(NotificationType.RUN_FAILED, NotificationType.CONNECTION_DISCONNECTED),
                "ops", T0);
        adapter.notificationEndpoints().insert(endpoint, SECRET);
        return endpoint;
    }

    private NotificationDelivery enqueue(NotificationEndpoint endpoint, ConnectionId connection, Instant at) {
        NotificationDelivery delivery = NotificationDelivery.pending(Fixtures.newId("d"), Fixtures.newId("e"),
                endpoint.workspaceId(), endpoint.id(), connection, NotificationType.RUN_FAILED, "{\"n\":1}", at);
        adapter.notificationOutbox().enqueue(delivery);
        return delivery;
    }

    private List<String> claim(NotificationEndpoint endpoint, Instant now, String owner) {
        return adapter.notificationOutbox().claimDue(now, owner, now.plusSeconds(60), 1000).stream()
                .filter(d -> d.endpointId().equals(endpoint.id())).map(NotificationDelivery::id).toList();
    }

    @Test
    void an_endpoint_round_trips_and_its_secret_is_stored_encrypted() {
        NotificationEndpoint endpoint = endpoint(workspace);
        assertThat(adapter.notificationEndpoints().find(workspace, endpoint.id())).contains(endpoint);
        assertThat(adapter.notificationEndpoints().signingSecret(workspace, endpoint.id())).contains(SECRET);
        String stored = adapter.jdbi().withHandle(h -> h.createQuery("SELECT ciphertext FROM notification_endpoints"
                + " WHERE id = :id").bind("id", endpoint.id().value()).mapTo(String.class).one());
        assertThat(stored).doesNotContain("super-secret");
        adapter.notificationEndpoints().replaceSecret(workspace, endpoint.id(), "whsec_rotated");
        assertThat(adapter.notificationEndpoints().signingSecret(workspace, endpoint.id())).contains("whsec_rotated");
        assertThat(adapter.notificationEndpoints().list(workspace)).containsExactly(endpoint);
        assertThat(adapter.notificationEndpoints().subscribers(workspace, NotificationType.RUN_FAILED)).hasSize(1);
        assertThat(adapter.notificationEndpoints().subscribers(workspace, NotificationType.PING)).isEmpty();
    }

    @Test
    void another_workspace_never_sees_an_endpoint_or_its_deliveries() {
        NotificationEndpoint endpoint = endpoint(workspace);
        enqueue(endpoint, null, T0);
        WorkspaceId other = Fixtures.newWorkspace(adapter);
        assertThat(adapter.notificationEndpoints().find(other, endpoint.id())).isEmpty();
        assertThat(adapter.notificationEndpoints().signingSecret(other, endpoint.id())).isEmpty();
        assertThat(adapter.notificationEndpoints().delete(other, endpoint.id())).isFalse();
        assertThat(adapter.notificationOutbox().recent(other, endpoint.id(), 10)).isEmpty();
        assertThat(adapter.notificationEndpoints().list(other)).isEmpty();
    }

    @Test
    void the_failing_streak_and_disabling_are_conditional_writes() {
        NotificationEndpoint endpoint = endpoint(workspace);
        adapter.notificationEndpoints().recordFailure(workspace, endpoint.id(), T0);
        adapter.notificationEndpoints().recordFailure(workspace, endpoint.id(), T0.plusSeconds(60));
        assertThat(adapter.notificationEndpoints().find(workspace, endpoint.id()).orElseThrow().failingSince()).isEqualTo(T0);
        assertThat(adapter.notificationEndpoints().disable(workspace, endpoint.id(), "failing_for_3_days", T0)).isTrue();
        assertThat(adapter.notificationEndpoints().disable(workspace, endpoint.id(), "failing_for_3_days", T0)).isFalse();
        NotificationEndpoint off = adapter.notificationEndpoints().find(workspace, endpoint.id()).orElseThrow();
        assertThat(off.enabled()).isFalse();
        assertThat(off.disabledReason()).isEqualTo("failing_for_3_days");
        adapter.notificationEndpoints().recordSuccess(workspace, endpoint.id());
        assertThat(adapter.notificationEndpoints().find(workspace, endpoint.id()).orElseThrow().failingSince()).isNull();
    }

    @Test
    void only_the_head_of_each_endpoint_and_connection_queue_is_claimed_and_only_once() {
        NotificationEndpoint endpoint = endpoint(workspace);
        ConnectionId a = new ConnectionId("conn-a");
        ConnectionId b = new ConnectionId("conn-b");
        NotificationDelivery a1 = enqueue(endpoint, a, T0);
        NotificationDelivery a2 = enqueue(endpoint, a, T0);
        NotificationDelivery b1 = enqueue(endpoint, b, T0);
        Instant now = T0.plusSeconds(1);

        assertThat(claim(endpoint, now, "w1")).containsExactlyInAnyOrder(a1.id(), b1.id());
        assertThat(claim(endpoint, now, "w2")).as("leased by w1").isEmpty();
        assertThat(adapter.notificationOutbox().recordAttempt(a1.id(), "w2", State.DELIVERED, 200, null, null, now))
                .as("not w2's lease").isFalse();
        assertThat(adapter.notificationOutbox().recordAttempt(a1.id(), "w1", State.DELIVERED, 200, null, null, now)).isTrue();
        assertThat(claim(endpoint, now, "w2")).containsExactly(a2.id());
        assertThat(claim(endpoint, now.plusSeconds(61), "w3")).as("the leases of w1 (b1) and w2 (a2) expired")
                .containsExactlyInAnyOrder(a2.id(), b1.id());
    }

    @Test
    void a_retry_waits_for_its_time_and_the_log_shows_attempts_newest_first() {
        NotificationEndpoint endpoint = endpoint(workspace);
        NotificationDelivery first = enqueue(endpoint, null, T0);
        NotificationDelivery second = enqueue(endpoint, new ConnectionId("conn-x"), T0);
        Instant now = T0.plusSeconds(1);
        assertThat(claim(endpoint, now, "w1")).containsExactlyInAnyOrder(first.id(), second.id());
        adapter.notificationOutbox().recordAttempt(first.id(), "w1", State.PENDING, 500, "answered 500",
                now.plusSeconds(10), now);
        adapter.notificationOutbox().recordAttempt(second.id(), "w1", State.FAILED, null, "timed out", null, now);
        assertThat(claim(endpoint, now.plusSeconds(9), "w1")).isEmpty();
        assertThat(claim(endpoint, now.plusSeconds(10), "w1")).containsExactly(first.id());

        List<NotificationDelivery> log = adapter.notificationOutbox().recent(workspace, endpoint.id(), 10);
        assertThat(log).extracting(NotificationDelivery::id).containsExactly(second.id(), first.id());
        assertThat(log.get(0).state()).isEqualTo(State.FAILED);
        assertThat(log.get(0).lastError()).isEqualTo("timed out");
        assertThat(log.get(0).lastStatusCode()).isNull();
        assertThat(log.get(0).finishedAt()).isEqualTo(now);
        assertThat(log.get(1).attempts()).isEqualTo(1);
        assertThat(log.get(1).lastStatusCode()).isEqualTo(500);
        assertThat(log.get(1).nextAttemptAt()).isEqualTo(now.plusSeconds(10));
        assertThat(log.get(1).connectionId()).isNull();
        assertThat(adapter.notificationOutbox().recent(workspace, endpoint.id(), 1)).hasSize(1);
        assertThat(adapter.notificationOutbox().pendingCount()).isPositive();
    }

    @Test
    void finished_deliveries_older_than_the_cutoff_are_purged_and_pending_ones_never() {
        NotificationEndpoint endpoint = endpoint(workspace);
        NotificationDelivery done = enqueue(endpoint, new ConnectionId("conn-p"), T0);
        NotificationDelivery waiting = enqueue(endpoint, new ConnectionId("conn-q"), T0);
        claim(endpoint, T0, "w1");
        adapter.notificationOutbox().recordAttempt(done.id(), "w1", State.DELIVERED, 200, null, null, T0);
        adapter.notificationOutbox().recordAttempt(waiting.id(), "w1", State.PENDING, 500, "answered 500",
                T0.plusSeconds(10), T0);
        assertThat(adapter.notificationOutbox().purgeFinishedBefore(T0, 1000)).isZero();
        adapter.notificationOutbox().purgeFinishedBefore(T0.plusSeconds(1), 1000);
        assertThat(adapter.notificationOutbox().recent(workspace, endpoint.id(), 10)).extracting(NotificationDelivery::id)
                .containsExactly(waiting.id());
    }

    @Test
    void a_disabled_endpoint_keeps_its_deliveries_but_none_is_claimed_and_deleting_it_removes_them() {
        NotificationEndpoint endpoint = endpoint(workspace);
        enqueue(endpoint, null, T0);
        adapter.notificationEndpoints().update(endpoint.edit(null, null, false, T0));
        assertThat(claim(endpoint, T0.plusSeconds(1), "w1")).isEmpty();
        assertThat(adapter.notificationEndpoints().delete(workspace, endpoint.id())).isTrue();
        assertThat(adapter.notificationOutbox().recent(workspace, endpoint.id(), 10)).isEmpty();
    }

    @Test
    void an_outbox_write_in_a_failed_unit_of_work_is_not_kept() {
        NotificationEndpoint endpoint = endpoint(workspace);
        assertThatThrownBy(() -> adapter.unitOfWork().run(() -> {
            enqueue(endpoint, null, T0);
            throw new IllegalStateException("the change failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(adapter.notificationOutbox().recent(workspace, endpoint.id(), 10)).isEmpty();
    }

    @Test
    void the_sweep_finds_connected_connections_past_the_threshold_that_are_not_marked() {
        Connection old = Fixtures.pipedrive(workspace, T0);
        Connection fresh = Fixtures.pipedrive(workspace, T0.plus(Duration.ofDays(2)));
        adapter.connections().insert(old);
        adapter.connections().insert(fresh);
        Instant cutoff = T0.plus(Duration.ofDays(1));
        List<Candidate> candidates = adapter.staleMarks().unmarkedStaleCandidates(cutoff, 10_000);
        assertThat(candidates).contains(new Candidate(workspace, old.id()))
                .doesNotContain(new Candidate(workspace, fresh.id()));
        adapter.staleMarks().mark(workspace, old.id(), cutoff);
        adapter.staleMarks().mark(workspace, old.id(), cutoff);
        assertThat(adapter.staleMarks().isMarked(workspace, old.id())).isTrue();
        assertThat(adapter.staleMarks().unmarkedStaleCandidates(cutoff, 10_000))
                .doesNotContain(new Candidate(workspace, old.id()));
        adapter.staleMarks().unmark(workspace, old.id());
        assertThat(adapter.staleMarks().isMarked(workspace, old.id())).isFalse();
    }
}
