package com.amdahl.connections.application.service;

import static com.amdahl.connections.application.service.ConnectFlowsTest.apiKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.in.SyncEngine;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.health.Health;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.ConnectionId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncEngineTest {
    private final InMemoryPorts ports = new InMemoryPorts();
    private final SyncEngine engine = ports.app.syncEngine();
    private final Principal admin = ports.admin("acme", "alice");

    private ConnectionId pipedrive() {
        return ports.app.connect().connect(admin, apiKey("pipedrive", "good")).connection().connection().id();
    }

    private ConnectionId hubspot() {
        var outcome = ports.app.connect().connect(admin,
                new ConnectCommand("hubspot", null, null, null, null, null, null, null, null));
        ports.app.oauthCallback().complete(OAuthCallbackTest.query(outcome.authorizeUrl()).get("state"), "code", null);
        return outcome.connection().connection().id();
    }

    private SyncRun runOnce() {
        List<RunRef> dispatched = engine.dispatchDue(100);
        assertThat(dispatched).hasSize(1);
        return engine.execute(dispatched.get(0)).orElseThrow();
    }

    @Test
    void a_new_connection_syncs_on_the_next_tick_then_on_its_cadence() {
        ConnectionId id = pipedrive();
        SyncRun first = runOnce();
        assertThat(first.triggeredBy()).isEqualTo(TriggeredBy.CONNECT);
        assertThat(first.status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(first.streamsTotal()).isEqualTo(2);
        assertThat(first.recordsWritten()).isEqualTo(6);
        assertThat(ports.storage.records(admin.workspaceId(), id, "alpha")).containsKeys("alpha-0", "alpha-1", "alpha-2");
        assertThat(ports.storage.cursors.get(admin.workspaceId(), id, "beta")).contains("cursor-3");
        assertThat(ports.app.queries().get(admin, id).health().health()).isEqualTo(Health.HEALTHY);

        assertThat(engine.dispatchDue(100)).as("not due before its cadence (1h)").isEmpty();
        ports.clock.advance(Duration.ofMinutes(59));
        assertThat(engine.dispatchDue(100)).isEmpty();
        ports.clock.advance(Duration.ofMinutes(1));
        SyncRun second = runOnce();
        assertThat(second.triggeredBy()).isEqualTo(TriggeredBy.SCHEDULE);
        assertThat(ports.puller.requests).extracting(r -> r.cursor()).contains(null, "cursor-3");
        assertThat(ports.puller.requests.get(0).credentials()).isEqualTo(Credentials.apiKey("good"));
    }

    @Test
    void a_handle_connection_pulls_with_its_tracked_account_and_no_secret() {
        ports.puller.unsupported.remove("twitter");
        ports.app.connect().connect(admin, ConnectFlowsTest.handle("twitter", "@acme", "1234567890"));
        SyncRun run = runOnce();
        assertThat(run.status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(ports.puller.requests.get(0).credentials()).isEqualTo(Credentials.trackedAccount("1234567890", "acme"));
    }

    @Test
    void a_cadence_override_applies_on_the_next_tick() {
        pipedrive();
        runOnce();
        Principal platform = ports.app.authenticate()
                .authenticate(ports.app.administration().createPlatformAdminToken()).orElseThrow();
        ports.app.cadence().set(platform, "pipedrive", "1m");
        ports.clock.advance(Duration.ofMinutes(1));
        assertThat(engine.dispatchDue(100)).hasSize(1);
    }

    @Test
    void paused_pending_and_reauth_connections_are_skipped_but_errors_are_retried() {
        ConnectionId paused = pipedrive();
        ports.app.manage().pause(admin, paused);
        ports.app.connect().connect(admin, new ConnectCommand("slack", null, null, null, null, null, null, null, null));
        assertThat(engine.dispatchDue(100)).isEmpty();

        ConnectionId failing = pipedrive();
        ports.puller.failures.put("alpha", ErrorReason.TRANSIENT);
        ports.puller.failures.put("beta", ErrorReason.TRANSIENT);
        assertThat(runOnce().status()).isEqualTo(SyncRunStatus.FAILED);
        assertThat(ports.app.queries().get(admin, failing).connection().status()).isEqualTo(ConnectionStatus.ERROR);
        ports.clock.advance(Duration.ofHours(1));
        ports.puller.failures.clear();
        assertThat(runOnce().status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(ports.app.queries().get(admin, failing).connection().status()).isEqualTo(ConnectionStatus.CONNECTED);

        ports.puller.failures.put("alpha", ErrorReason.AUTH);
        ports.clock.advance(Duration.ofHours(1));
        SyncRun auth = runOnce();
        assertThat(auth.errorReason()).isEqualTo(ErrorReason.AUTH);
        assertThat(auth.errorMessage()).contains("not attempted after an auth failure");
        assertThat(ports.app.queries().get(admin, failing).health().health()).isEqualTo(Health.NEEDS_REAUTH);
        ports.clock.advance(Duration.ofHours(1));
        assertThat(engine.dispatchDue(100)).as("a person must reconnect first").isEmpty();
    }

    @Test
    void partial_and_rate_limited_runs_move_health() {
        ConnectionId id = pipedrive();
        ports.puller.failures.put("beta", ErrorReason.TRANSIENT);
        SyncRun degraded = runOnce();
        assertThat(degraded.status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(degraded.streamsFailed()).isEqualTo(1);
        assertThat(ports.app.queries().get(admin, id).health().health()).isEqualTo(Health.DEGRADED);
        ports.puller.failures.put("alpha", ErrorReason.RATE_LIMIT);
        ports.clock.advance(Duration.ofHours(1));
        assertThat(runOnce().errorReason()).isEqualTo(ErrorReason.RATE_LIMIT);
        assertThat(ports.app.queries().get(admin, id).health().health()).isEqualTo(Health.RATE_LIMITED);
    }

    @Test
    void a_run_is_executed_once_however_many_workers_try() {
        pipedrive();
        RunRef run = engine.dispatchDue(100).get(0);
        assertThat(engine.execute(run)).isPresent();
        assertThat(engine.execute(run)).isEmpty();
        assertThat(ports.puller.requests).hasSize(2);
    }

    @Test
    void a_silent_worker_is_reaped_after_its_lease_and_the_next_tick_syncs_again() {
        ConnectionId id = pipedrive();
        RunRef run = engine.dispatchDue(100).get(0);
        ports.app.syncRuns().begin(run.workspaceId(), run.runId()); // a worker that then dies
        assertThat(ports.app.queries().get(admin, id).connection().isSyncing()).isTrue();
        ports.clock.advance(Duration.ofMinutes(1));
        assertThat(engine.reapExpiredRuns()).isZero();
        ports.clock.advance(Duration.ofMinutes(2));
        assertThat(engine.reapExpiredRuns()).isEqualTo(1);
        SyncRun reaped = ports.storage.runRepository.find(run.workspaceId(), run.runId()).orElseThrow();
        assertThat(reaped.status()).isEqualTo(SyncRunStatus.FAILED);
        assertThat(reaped.errorReason()).isEqualTo(ErrorReason.TRANSIENT);
        assertThat(reaped.errorMessage()).isEqualTo("worker lost");
        assertThat(ports.app.queries().get(admin, id).connection().isSyncing()).isFalse();
        SyncRun retried = runOnce();
        assertThat(retried.status()).as("the next tick syncs again").isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(retried.triggeredBy()).as("the lost run was the first sync").isEqualTo(TriggeredBy.CONNECT);
    }

    @Test
    void a_sole_process_fails_the_runs_its_dead_predecessor_left_running_at_start_without_waiting_for_the_lease() {
        ConnectionId id = pipedrive();
        RunRef run = engine.dispatchDue(100).get(0);
        ports.app.syncRuns().begin(run.workspaceId(), run.runId()); // the process that ran it was killed
        ConnectionId other = hubspot();
        RunRef waiting = ports.app.syncEngine().dispatchDue(100).stream()
                .filter(r -> !r.runId().equals(run.runId())).findFirst().orElseThrow();
        ports.clock.advance(Duration.ofSeconds(1));
        try (var shared = ports.app.startSyncEngine(new com.amdahl.connections.application.SyncEngineRunner.Options(
                false, 0, null))) {
            assertThat(ports.app.queries().get(admin, id).connection().isSyncing())
                    .as("another process may still be running it: wait for the lease").isTrue();
        }
        try (var sole = ports.app.startSyncEngine(new com.amdahl.connections.application.SyncEngineRunner.Options(
                false, 0, null).withSoleProcess(true))) {
            SyncRun reaped = ports.storage.runRepository.find(run.workspaceId(), run.runId()).orElseThrow();
            assertThat(reaped.status()).isEqualTo(SyncRunStatus.FAILED);
            assertThat(reaped.errorMessage()).isEqualTo("worker lost");
            assertThat(ports.app.queries().get(admin, id).connection().isSyncing()).isFalse();
            assertThat(ports.storage.runRepository.find(waiting.workspaceId(), waiting.runId()).orElseThrow().status())
                    .as("a pending run is still executed by this process").isEqualTo(SyncRunStatus.PENDING);
            assertThat(ports.app.queries().get(admin, other).connection().sync().hasRunInFlight()).isTrue();
        }
    }

    @Test
    void a_dispatched_run_nobody_starts_is_reaped_too() {
        ConnectionId id = pipedrive();
        ports.app.manage().requestSync(admin, id);
        ports.clock.advance(Duration.ofMinutes(16));
        assertThat(engine.reapExpiredRuns()).isEqualTo(1);
        assertThat(ports.app.queries().get(admin, id).connection().sync().hasRunInFlight()).isFalse();
    }

    @Test
    void a_closed_engine_refuses_to_execute_and_leaves_the_run_pending_for_another_process() {
        pipedrive();
        RunRef run = engine.dispatchDue(100).get(0);
        ports.app.close();
        assertThatThrownBy(() -> engine.execute(run)).isInstanceOf(IllegalStateException.class);
        assertThat(ports.storage.runRepository.find(run.workspaceId(), run.runId()).orElseThrow().status())
                .isEqualTo(SyncRunStatus.PENDING);
    }

    @Test
    void a_heartbeating_run_is_not_reaped() {
        pipedrive();
        RunRef run = engine.dispatchDue(100).get(0);
        ports.puller.duringPull = () -> {
            ports.clock.advance(Duration.ofSeconds(20));
            assertThat(engine.reapExpiredRuns()).isZero();
        };
        assertThat(engine.execute(run).orElseThrow().status()).isEqualTo(SyncRunStatus.COMPLETED);
    }

    @Test
    void a_run_never_outlives_its_timeout() {
        pipedrive();
        ports.puller.duringPull = () -> ports.clock.advance(Duration.ofMinutes(31));
        SyncRun run = runOnce();
        assertThat(run.status()).isEqualTo(SyncRunStatus.FAILED);
        assertThat(run.errorReason()).isEqualTo(ErrorReason.TRANSIENT);
        assertThat(run.errorMessage()).contains("the run timed out");
    }

    @Test
    void expiring_oauth_tokens_are_refreshed_and_stored_before_use() {
        ConnectionId id = hubspot();
        ports.storage.vault.store(admin.workspaceId(), id, new Credentials(Map.of(Credentials.ACCESS_TOKEN, "old",
                Credentials.REFRESH_TOKEN, "r1"), ports.clock.instant().plusSeconds(60)));
        assertThat(runOnce().status()).isEqualTo(SyncRunStatus.COMPLETED);
        Credentials stored = ports.storage.vault.load(admin.workspaceId(), id).orElseThrow();
        assertThat(stored.get(Credentials.REFRESH_TOKEN)).contains("refresh-rotated-1");
        assertThat(ports.puller.requests.get(0).credentials()).isEqualTo(stored);
        assertThat(ports.app.queries().events(admin, id, null)).extracting(e -> e.type())
                .contains(ConnectionEventType.CREDENTIALS_REFRESHED);
    }

    /** A grant with no stated expiry (Salesforce) whose access token the provider refuses on the first stream. */
    private ConnectionId refusedGrantWithoutExpiry() {
        ConnectionId id = hubspot();
        ports.storage.vault.store(admin.workspaceId(), id, new Credentials(Map.of(Credentials.ACCESS_TOKEN, "session",
                Credentials.REFRESH_TOKEN, "r1"), null));
        ports.puller.failures.put("alpha", ErrorReason.AUTH);
        return id;
    }

    @Test
    void a_grant_without_expiry_is_refreshed_once_when_the_provider_refuses_it_and_the_stream_pulled_again() {
        ConnectionId id = refusedGrantWithoutExpiry();
        int[] pulls = {0};
        ports.puller.duringPull = () -> {
            if (pulls[0]++ == 1) {
                ports.puller.failures.remove("alpha");
            }
        };
        SyncRun run = runOnce();
        assertThat(run.status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(run.streamsFailed()).isZero();
        Credentials stored = ports.storage.vault.load(admin.workspaceId(), id).orElseThrow();
        assertThat(stored.get(Credentials.REFRESH_TOKEN)).contains("refresh-rotated-1");
        assertThat(ports.puller.requests).extracting(r -> r.stream()).containsExactly("alpha", "alpha", "beta");
        assertThat(ports.puller.requests.get(1).credentials()).isEqualTo(stored);
        assertThat(ports.providers.refreshed).hasSize(1);
    }

    @Test
    void a_refused_grant_whose_refresh_is_rejected_needs_reauthorization() {
        ConnectionId id = refusedGrantWithoutExpiry();
        ports.providers.refreshRefusal = ErrorCode.INVALID_CREDENTIALS;
        SyncRun run = runOnce();
        assertThat(run.errorReason()).isEqualTo(ErrorReason.AUTH);
        assertThat(ports.app.queries().get(admin, id).health().health()).isEqualTo(Health.NEEDS_REAUTH);
        assertThat(ports.puller.requests).extracting(r -> r.stream()).containsExactly("alpha");
    }

    @Test
    void a_rejected_refresh_needs_reauthorization() {
        ConnectionId id = hubspot();
        ports.storage.vault.store(admin.workspaceId(), id, new Credentials(Map.of(Credentials.ACCESS_TOKEN, "old",
                Credentials.REFRESH_TOKEN, "r1"), ports.clock.instant().minusSeconds(1)));
        ports.providers.refreshRefusal = ErrorCode.INVALID_CREDENTIALS;
        SyncRun run = runOnce();
        assertThat(run.errorReason()).isEqualTo(ErrorReason.AUTH);
        var view = ports.app.queries().get(admin, id);
        assertThat(view.health().health()).isEqualTo(Health.NEEDS_REAUTH);
        assertThat(ports.app.queries().events(admin, id, null)).extracting(e -> e.type())
                .contains(ConnectionEventType.CREDENTIALS_REJECTED);
        assertThat(ports.puller.requests).isEmpty();
    }

    @Test
    void housekeeping_drops_oauth_states_a_day_after_they_expired() {
        var outcome = ports.app.connect().connect(admin,
                new ConnectCommand("hubspot", null, null, null, null, null, null, null, null));
        String state = OAuthCallbackTest.query(outcome.authorizeUrl()).get("state");
        ports.clock.advance(Duration.ofHours(2));
        assertThat(engine.purgeHistory()).as("expired, but kept a day for replays").isZero();
        ports.clock.advance(Duration.ofDays(1));
        assertThat(engine.purgeHistory()).isEqualTo(1);
        assertThat(ports.app.oauthCallback().complete(state, "code", null).errorCode()).isEqualTo("invalid_state");
    }

    @Test
    void old_runs_are_purged_keeping_the_newest_of_each_connection() {
        ConnectionId id = pipedrive();
        Instant start = ports.clock.instant();
        for (int i = 0; i < 30; i++) {
            ports.clock.advance(Duration.ofHours(1));
            runOnce();
        }
        ports.clock.set(start.plus(Duration.ofDays(100)));
        assertThat(engine.purgeHistory()).isEqualTo(5);
        assertThat(ports.app.queries().runs(admin, id, 100)).hasSize(25);
        assertThat(engine.purgeHistory()).isZero();
    }
}
