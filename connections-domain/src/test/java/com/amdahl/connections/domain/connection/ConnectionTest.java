package com.amdahl.connections.domain.connection;

import static com.amdahl.connections.domain.connection.Connections.ALICE;
import static com.amdahl.connections.domain.connection.Connections.T0;
import static com.amdahl.connections.domain.connection.Connections.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.sync.TriggeredBy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionTest {
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);

    private static ErrorCode codeOf(Runnable action) {
        try {
            action.run();
        } catch (ConnectionsException e) {
            return e.code();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void oauth_connections_start_pending_and_others_connected() {
        assertThat(open("hubspot", "c1").status()).isEqualTo(ConnectionStatus.PENDING);
        Connection pipedrive = open("pipedrive", "c2");
        assertThat(pipedrive.status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(pipedrive.lifecycle().connectedAt()).isEqualTo(T0);
        assertThat(pipedrive.scheduledTrigger()).isEqualTo(TriggeredBy.CONNECT);
    }

    @Test
    void the_callback_connects_a_pending_connection_and_records_the_account() {
        Connection connected = open("hubspot", "c1")
                .completeAuthorization(new AccountIdentity("123", "acme.hubspot.com"), ALICE, T1);
        assertThat(connected.status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(connected.profile().account().label()).isEqualTo("acme.hubspot.com");
        assertThat(connected.lifecycle().connectedAt()).isEqualTo(T1);
        assertThat(codeOf(() -> connected.completeAuthorization(null, ALICE, T2))).isEqualTo(ErrorCode.INVALID_TRANSITION);
    }

    @Test
    void a_failed_callback_leaves_error_with_the_message() {
        Connection failed = open("hubspot", "c1").failAuthorization("access denied", T1);
        assertThat(failed.status()).isEqualTo(ConnectionStatus.ERROR);
        assertThat(failed.lifecycle().lastError()).isEqualTo("access denied");
        assertThat(failed.isReconnectable()).isTrue();
    }

    @Test
    void a_first_authorization_that_failed_can_be_authorized_again_or_removed_but_not_synced_or_paused() {
        Connection failed = open("hubspot", "c1").failAuthorization("access denied", T1);
        assertThat(failed.authorizationNeverCompleted()).isTrue();
        assertThat(failed.acceptsRuns()).isFalse();
        assertThat(codeOf(() -> failed.pause(T2))).isEqualTo(ErrorCode.INVALID_TRANSITION);
        assertThat(codeOf(() -> failed.dispatchRun(new RunId("r1"), TriggeredBy.MANUAL, T2)))
                .isEqualTo(ErrorCode.CONNECTION_NOT_SYNCABLE);
        assertThat(failed.beginReauthorization(ALICE, T2).status()).isEqualTo(ConnectionStatus.PENDING);
        assertThat(failed.disconnect(T2).status()).isEqualTo(ConnectionStatus.DISCONNECTED);

        Connection connectedOnce = open("hubspot", "c2").completeAuthorization(null, ALICE, T1).rejectCredentials("invalid_grant")
                .beginReauthorization(ALICE, T2).failAuthorization("access denied", T2);
        assertThat(connectedOnce.authorizationNeverCompleted()).isFalse();
        assertThat(connectedOnce.pause(T2).status()).isEqualTo(ConnectionStatus.PAUSED);
    }

    @Test
    void the_first_run_moves_to_syncing_and_back_to_connected() {
        Connection c = open("pipedrive", "c1");
        RunStep dispatched = c.dispatchRun(new RunId("r1"), TriggeredBy.CONNECT, T1);
        assertThat(dispatched.run().status()).isEqualTo(SyncRunStatus.PENDING);
        assertThat(dispatched.connection().status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(dispatched.connection().isSyncing()).isFalse();
        RunStep begun = dispatched.connection().beginRun(dispatched.run(), T1);
        assertThat(begun.connection().status()).isEqualTo(ConnectionStatus.SYNCING);
        assertThat(begun.connection().isSyncing()).isTrue();
        RunStep finished = begun.connection().finishRun(begun.run(),
                RunResult.of(List.of(StreamOutcome.succeeded("deals", 10), StreamOutcome.succeeded("persons", 5))), T2);
        assertThat(finished.run().status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(finished.run().recordsWritten()).isEqualTo(15);
        assertThat(finished.connection().status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(finished.connection().sync().lastSyncedAt()).isEqualTo(T2);
        assertThat(finished.connection().isSyncing()).isFalse();
        assertThat(finished.connection().scheduledTrigger()).isEqualTo(TriggeredBy.SCHEDULE);
    }

    @Test
    void later_runs_keep_connected_while_syncing() {
        Connection c = runToEnd(open("pipedrive", "c1"), "r1", RunResult.of(List.of(StreamOutcome.succeeded("deals", 1))));
        RunStep d = c.dispatchRun(new RunId("r2"), TriggeredBy.SCHEDULE, T2);
        RunStep b = d.connection().beginRun(d.run(), T2);
        assertThat(b.connection().status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(b.connection().isSyncing()).isTrue();
    }

    @Test
    void a_second_dispatch_while_one_is_in_flight_is_skipped_locked() {
        RunStep first = open("pipedrive", "c1").dispatchRun(new RunId("r1"), TriggeredBy.MANUAL, T1);
        RunStep second = first.connection().dispatchRun(new RunId("r2"), TriggeredBy.MANUAL, T2);
        assertThat(second.run().status()).isEqualTo(SyncRunStatus.SKIPPED_LOCKED);
        assertThat(second.run().finishedAt()).isEqualTo(T2);
        assertThat(second.connection()).isSameAs(first.connection());
    }

    @Test
    void a_failed_run_sets_error_and_auth_failures_need_reauth() {
        Connection failed = runToEnd(open("pipedrive", "c1"), "r1", RunResult.failedOutright(ErrorReason.AUTH, "401 from Pipedrive"));
        assertThat(failed.status()).isEqualTo(ConnectionStatus.ERROR);
        assertThat(failed.lifecycle().needsReauth()).isTrue();
        assertThat(failed.lifecycle().lastError()).isEqualTo("401 from Pipedrive");
        Connection rateLimited = runToEnd(open("pipedrive", "c2"), "r1", RunResult.failedOutright(ErrorReason.RATE_LIMIT, "429"));
        assertThat(rateLimited.lifecycle().needsReauth()).isFalse();
    }

    @Test
    void a_retry_of_an_error_connection_stays_error_while_it_runs_and_recovers_when_it_completes() {
        Connection failed = runToEnd(open("pipedrive", "c1"), "r1", RunResult.failedOutright(ErrorReason.TRANSIENT, "503"));
        RunStep d = failed.dispatchRun(new RunId("r2"), TriggeredBy.MANUAL, T2);
        RunStep b = d.connection().beginRun(d.run(), T2);
        assertThat(b.connection().status()).isEqualTo(ConnectionStatus.ERROR);
        RunStep f = b.connection().finishRun(b.run(), RunResult.of(List.of(StreamOutcome.succeeded("deals", 2))), T2);
        assertThat(f.connection().status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(f.connection().lifecycle().lastError()).isNull();
    }

    @Test
    void some_streams_failing_completes_degraded_and_all_failing_fails_with_the_worst_reason() {
        RunResult partial = RunResult.of(List.of(StreamOutcome.succeeded("deals", 3),
                StreamOutcome.failed("persons", 0, ErrorReason.TRANSIENT, "HTTP 500")));
        assertThat(partial.failed()).isFalse();
        assertThat(partial.errorReason()).isNull();
        assertThat(partial.streamsFailed()).isEqualTo(1);
        RunResult total = RunResult.of(List.of(StreamOutcome.failed("deals", 0, ErrorReason.TRANSIENT, "HTTP 500"),
                StreamOutcome.failed("persons", 0, ErrorReason.AUTH, "HTTP 401")));
        assertThat(total.failed()).isTrue();
        assertThat(total.errorReason()).isEqualTo(ErrorReason.AUTH);
    }

    @Test
    void reconnect_is_refused_for_healthy_connections_and_allowed_for_broken_ones() {
        Connection connected = open("pipedrive", "c1");
        assertThat(codeOf(() -> connected.reconnect(ALICE, null, T1))).isEqualTo(ErrorCode.CONNECTION_HEALTHY);
        RunStep syncing = connected.dispatchRun(new RunId("r1"), TriggeredBy.CONNECT, T1);
        Connection inFirstSync = syncing.connection().beginRun(syncing.run(), T1).connection();
        assertThat(inFirstSync.status()).isEqualTo(ConnectionStatus.SYNCING);
        assertThat(codeOf(() -> inFirstSync.reconnect(ALICE, null, T1))).isEqualTo(ErrorCode.CONNECTION_HEALTHY);
        assertThat(codeOf(() -> connected.pause(T1).reconnect(ALICE, null, T1))).isEqualTo(ErrorCode.INVALID_TRANSITION);

        Connection disconnected = connected.disconnect(T1);
        Connection back = disconnected.reconnect(ALICE, null, T2);
        assertThat(back.status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(back.scheduledTrigger()).isEqualTo(TriggeredBy.CONNECT);
        assertThat(back.id()).isEqualTo(connected.id());

        Connection needsReauth = connected.rejectCredentials("invalid_grant");
        assertThat(needsReauth.isReconnectable()).isTrue();
        assertThat(needsReauth.reconnect(ALICE, null, T2).lifecycle().needsReauth()).isFalse();
    }

    @Test
    void an_oauth_reconnect_goes_pending_and_a_pending_attempt_may_be_restarted() {
        Connection failed = open("hubspot", "c1").failAuthorization("denied", T1);
        Connection pending = failed.beginReauthorization(ALICE, T1);
        assertThat(pending.status()).isEqualTo(ConnectionStatus.PENDING);
        assertThat(pending.beginReauthorization(ALICE, T2).status()).isEqualTo(ConnectionStatus.PENDING);
        assertThat(pending.completeAuthorization(new AccountIdentity("1", "x"), ALICE, T2).status())
                .isEqualTo(ConnectionStatus.CONNECTED);
    }

    @Test
    void disconnect_is_idempotent_and_freezes_everything_but_reconnect() {
        Connection disconnected = open("pipedrive", "c1").disconnect(T1);
        assertThat(disconnected.disconnect(T2)).isSameAs(disconnected);
        assertThat(codeOf(() -> disconnected.rename("x"))).isEqualTo(ErrorCode.INVALID_TRANSITION);
        assertThat(codeOf(() -> disconnected.pause(T2))).isEqualTo(ErrorCode.INVALID_TRANSITION);
        assertThat(codeOf(() -> disconnected.resume(T2))).isEqualTo(ErrorCode.INVALID_TRANSITION);
        assertThat(codeOf(() -> disconnected.dispatchRun(new RunId("r"), TriggeredBy.MANUAL, T2)))
                .isEqualTo(ErrorCode.CONNECTION_NOT_SYNCABLE);
    }

    @Test
    void a_run_finishing_after_disconnect_releases_the_lock_but_keeps_disconnected() {
        RunStep d = open("pipedrive", "c1").dispatchRun(new RunId("r1"), TriggeredBy.MANUAL, T1);
        RunStep b = d.connection().beginRun(d.run(), T1);
        Connection disconnected = b.connection().disconnect(T1);
        RunStep f = disconnected.finishRun(b.run(), RunResult.of(List.of(StreamOutcome.succeeded("deals", 1))), T2);
        assertThat(f.connection().status()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(f.connection().sync().hasRunInFlight()).isFalse();
    }

    @Test
    void a_run_dispatched_before_a_pause_is_cancelled_when_it_would_start() {
        RunStep d = open("pipedrive", "c1").dispatchRun(new RunId("r1"), TriggeredBy.SCHEDULE, T1);
        RunStep b = d.connection().pause(T1).beginRun(d.run(), T2);
        assertThat(b.run().status()).isEqualTo(SyncRunStatus.FAILED);
        assertThat(b.run().errorReason()).isEqualTo(ErrorReason.CONFIG);
        assertThat(b.connection().status()).isEqualTo(ConnectionStatus.PAUSED);
        assertThat(b.connection().sync().hasRunInFlight()).isFalse();
    }

    @Test
    void pause_and_resume_are_idempotent_and_resume_restores_error_after_a_failure() {
        Connection failed = runToEnd(open("pipedrive", "c1"), "r1", RunResult.failedOutright(ErrorReason.TRANSIENT, "503"));
        Connection paused = failed.pause(T2);
        assertThat(paused.pause(T2)).isSameAs(paused);
        assertThat(paused.acceptsRuns()).isFalse();
        assertThat(paused.resume(T2).status()).isEqualTo(ConnectionStatus.ERROR);
        assertThat(open("pipedrive", "c2").pause(T1).resume(T2).status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(open("pipedrive", "c3").resume(T1).status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(codeOf(() -> open("hubspot", "c4").pause(T1))).isEqualTo(ErrorCode.INVALID_TRANSITION);
    }

    @Test
    void a_lost_worker_fails_the_run_as_transient_and_releases_the_lock() {
        RunStep d = open("pipedrive", "c1").dispatchRun(new RunId("r1"), TriggeredBy.SCHEDULE, T1);
        RunStep b = d.connection().beginRun(d.run(), T1);
        RunStep reaped = b.connection().reapLostRun(b.run(), T2);
        assertThat(reaped.run().status()).isEqualTo(SyncRunStatus.FAILED);
        assertThat(reaped.run().errorReason()).isEqualTo(ErrorReason.TRANSIENT);
        assertThat(reaped.run().errorMessage()).isEqualTo("worker lost");
        assertThat(reaped.connection().isSyncing()).isFalse();
        assertThat(reaped.connection().status()).isEqualTo(ConnectionStatus.ERROR);
    }

    @Test
    void only_personal_connections_have_an_owner() {
        var hubspot = Connections.CATALOG.require("hubspot");
        assertThat(codeOf(() -> open("hubspot", "c1").reassignOwner(hubspot, ALICE))).isEqualTo(ErrorCode.OWNER_NOT_APPLICABLE);
        var gmail = Connections.CATALOG.require("gmail");
        assertThat(open("gmail", "c2").reassignOwner(gmail, null).profile().ownerUserId()).isNull();
    }

    @Test
    void a_finish_for_a_run_that_does_not_hold_the_lock_is_refused() {
        RunStep d = open("pipedrive", "c1").dispatchRun(new RunId("r1"), TriggeredBy.SCHEDULE, T1);
        SyncRun stranger = SyncRun.pending(new RunId("other"), d.connection().id(), d.connection().workspaceId(),
                TriggeredBy.MANUAL, T1);
        assertThat(codeOf(() -> d.connection().beginRun(stranger, T1))).isEqualTo(ErrorCode.INVALID_TRANSITION);
        assertThat(codeOf(() -> d.connection().finishRun(d.run(), RunResult.failedOutright(ErrorReason.UNKNOWN, "x"), T1)))
                .isEqualTo(ErrorCode.INVALID_TRANSITION);
    }

    private static Connection runToEnd(Connection c, String runId, RunResult result) {
        RunStep d = c.dispatchRun(new RunId(runId), c.scheduledTrigger(), T1);
        RunStep b = d.connection().beginRun(d.run(), T1);
        return b.connection().finishRun(b.run(), result, T2).connection();
    }

    @Test
    void demo_data_is_never_due_never_dispatched_and_never_reconnected_but_can_be_renamed_paused_and_removed() {
        Connection real = open("pipedrive", "c1");
        Connection demo = Connection.restore(real.id(), real.workspaceId(), real.connectorType(), real.createdAt(),
                real.connectedByUserId(), real.profile().asSample(), real.lifecycle(), real.sync(), real.version());
        assertThat(real.isDue(T1, java.time.Duration.ofHours(1))).isTrue();
        assertThat(demo.isDue(T1, java.time.Duration.ofHours(1))).isFalse();
        for (TriggeredBy trigger : TriggeredBy.values()) {
            assertThat(codeOf(() -> demo.dispatchRun(new RunId("r1"), trigger, T1))).isEqualTo(ErrorCode.CONNECTION_NOT_SYNCABLE);
        }
        Connection broken = demo.pause(T1).resume(T1).disconnect(T2);
        assertThat(broken.isReconnectable()).isFalse();
        assertThat(codeOf(() -> broken.reconnect(ALICE, null, T2))).isEqualTo(ErrorCode.INVALID_TRANSITION);
        assertThat(demo.rename("Renamed").profile().sample()).as("a rename keeps it demo data").isTrue();
    }
}
