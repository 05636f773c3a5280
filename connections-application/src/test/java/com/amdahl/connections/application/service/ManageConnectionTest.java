package com.amdahl.connections.application.service;

import static com.amdahl.connections.application.service.ConnectFlowsTest.apiKey;
import static com.amdahl.connections.application.service.ConnectFlowsTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.health.Health;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import com.amdahl.connections.application.port.in.ManageConnection.ConnectionUpdate;
import org.junit.jupiter.api.Test;

class ManageConnectionTest {
    private final InMemoryPorts ports = new InMemoryPorts();
    private final Principal admin = ports.admin("acme", "alice");
    private final Principal member = ports.member("acme", "bob", Role.MEMBER);
    private final Principal stranger = ports.admin("globex", "eve");

    private ConnectionId pipedrive() {
        return ports.app.connect().connect(admin, apiKey("pipedrive", "good")).connection().connection().id();
    }

    private ConnectionId gmailOf(Principal owner) {
        var outcome = ports.app.connect().connect(owner,
                new ConnectCommand("gmail", null, null, null, null, null, null, null, null));
        var id = outcome.connection().connection().id();
        String state = OAuthCallbackTest.query(outcome.authorizeUrl()).get("state");
        ports.app.oauthCallback().complete(state, "code", null);
        return id;
    }

    @Test
    void disconnect_erases_credentials_keeps_the_row_and_is_idempotent() {
        ConnectionId id = pipedrive();
        var view = ports.app.manage().disconnect(admin, id);
        assertThat(view.connection().status()).isEqualTo(ConnectionStatus.DISCONNECTED);
        assertThat(view.health().health()).isEqualTo(Health.DISCONNECTED);
        assertThat(ports.storage.vault.load(admin.workspaceId(), id)).isEmpty();
        ports.app.manage().disconnect(admin, id);
        assertThat(ports.app.queries().events(admin, id, null)).filteredOn(e -> e.type() == ConnectionEventType.DISCONNECTED)
                .hasSize(1);
        assertThat(ports.app.queries().list(admin)).hasSize(1);
    }

    @Test
    void disconnect_revokes_oauth_grants_and_a_failed_revoke_does_not_block_it() {
        ConnectionId first = gmailOf(admin);
        ports.app.manage().disconnect(admin, first);
        assertThat(ports.providers.revoked).containsExactly("gmail");
        ConnectionId second = gmailOf(admin);
        ports.providers.failRevoke = true;
        assertThat(ports.app.manage().disconnect(admin, second).connection().status()).isEqualTo(ConnectionStatus.DISCONNECTED);
    }

    @Test
    void invisible_and_foreign_ids_are_not_found_exactly_like_missing_ones() {
        ConnectionId id = pipedrive();
        ConnectionId bobsMail = gmailOf(member);
        ConnectionId missing = new ConnectionId("00000000-0000-0000-0000-000000000000");
        for (var call : List.<Runnable>of(
                () -> ports.app.queries().get(stranger, id),
                () -> ports.app.manage().disconnect(stranger, id),
                () -> ports.app.queries().runs(stranger, id, null),
                () -> ports.app.queries().get(admin, missing))) {
            try {
                call.run();
                throw new AssertionError("expected not found");
            } catch (ConnectionsException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_NOT_FOUND);
                assertThat(e.getMessage()).isEqualTo("Connection not found");
                assertThat(e.details()).isEmpty();
            }
        }
        Principal carol = ports.member("acme", "carol", Role.MEMBER);
        assertThat(refusal(() -> ports.app.queries().get(carol, bobsMail))).isEqualTo(ErrorCode.CONNECTION_NOT_FOUND);
        assertThat(ports.app.queries().list(carol)).extracting(v -> v.connection().id()).containsExactly(id);
        assertThat(ports.app.queries().list(admin)).hasSize(2);
    }

    @Test
    void members_read_workspace_connections_but_only_admins_manage_them() {
        ConnectionId id = pipedrive();
        assertThat(ports.app.queries().get(member, id)).isNotNull();
        assertThat(refusal(() -> ports.app.manage().disconnect(member, id))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(() -> ports.app.manage().pause(member, id))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(() -> ports.app.manage().requestSync(member, id))).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(() -> ports.app.manage().disconnect(InMemoryPorts.readOnly(admin), id)))
                .isEqualTo(ErrorCode.INSUFFICIENT_SCOPE);
        assertThat(refusal(() -> ports.app.queries().list(Principal.ofPlatformAdmin()))).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void owners_manage_their_personal_connections_and_admins_may_disconnect_and_reattribute_them() {
        ConnectionId mail = gmailOf(member);
        assertThat(ports.app.manage().pause(member, mail).connection().status()).isEqualTo(ConnectionStatus.PAUSED);
        assertThat(ports.app.manage().resume(member, mail).connection().status()).isEqualTo(ConnectionStatus.CONNECTED);
        assertThat(refusal(() -> ports.app.manage().update(member, mail, ConnectionUpdate.owner("alice"))))
                .isEqualTo(ErrorCode.FORBIDDEN);
        var reattributed = ports.app.manage().update(admin, mail, ConnectionUpdate.owner("alice"));
        assertThat(reattributed.connection().profile().ownerUserId().value()).isEqualTo("alice");
        assertThat(refusal(() -> ports.app.manage().update(admin, mail, ConnectionUpdate.owner("mallory"))))
                .isEqualTo(ErrorCode.OWNER_NOT_MEMBER);
        assertThat(ports.app.manage().update(admin, mail, ConnectionUpdate.owner(null)).connection().profile().ownerUserId())
                .isNull();
        assertThat(refusal(() -> ports.app.manage().update(admin, pipedrive(), ConnectionUpdate.owner("alice"))))
                .isEqualTo(ErrorCode.OWNER_NOT_APPLICABLE);
        assertThat(refusal(() -> ports.app.reconnect().reconnect(admin, gmailOf(member), null, null)))
                .isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void rename_writes_an_updated_event_and_an_unchanged_patch_writes_nothing() {
        ConnectionId id = pipedrive();
        assertThat(ports.app.manage().update(admin, id, ConnectionUpdate.rename("Acme CRM")).connection().profile().name())
                .isEqualTo("Acme CRM");
        ports.app.manage().update(admin, id, ConnectionUpdate.rename("Acme CRM"));
        assertThat(ports.app.queries().events(admin, id, null)).filteredOn(e -> e.type() == ConnectionEventType.UPDATED)
                .singleElement().satisfies(e -> assertThat(e.details()).containsEntry("name", "Acme CRM"));
        assertThat(refusal(() -> ports.app.manage().update(admin, id, ConnectionUpdate.rename(""))))
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void reconnect_refuses_a_healthy_connection_and_restores_a_failed_one_in_place() {
        ConnectionId id = pipedrive();
        assertThat(refusal(() -> ports.app.reconnect().reconnect(admin, id, "good-new", null)))
                .isEqualTo(ErrorCode.CONNECTION_HEALTHY);
        var run = ports.app.syncRuns().dispatch(admin.workspaceId(), id, TriggeredBy.CONNECT);
        ports.app.syncRuns().begin(admin.workspaceId(), run.id());
        ports.app.syncRuns().finish(admin.workspaceId(), run.id(), RunResult.failedOutright(ErrorReason.AUTH, "HTTP 401"));
        assertThat(ports.app.queries().get(admin, id).health().health()).isEqualTo(Health.NEEDS_REAUTH);
        assertThat(refusal(() -> ports.app.reconnect().reconnect(admin, id, "bad-key", null)))
                .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        var restored = ports.app.reconnect().reconnect(admin, id, "good-new", null);
        assertThat(restored.connection().connection().id()).isEqualTo(id);
        assertThat(restored.connection().health().health()).isEqualTo(Health.HEALTHY);
        assertThat(ports.storage.vault.load(admin.workspaceId(), id).flatMap(c -> c.get("api_key"))).contains("good-new");
        assertThat(ports.app.queries().runs(admin, id, null)).hasSize(1);
    }

    @Test
    void reconnecting_a_handle_connection_dispatches_a_run_at_once() {
        ports.puller.unsupported.clear();
        var outcome = ports.app.connect().connect(admin, ConnectFlowsTest.handle("twitter", "acme", "1234567890"));
        ConnectionId id = outcome.connection().connection().id();
        ports.app.manage().disconnect(admin, id);
        ports.app.reconnect().reconnect(admin, id, null, null);
        assertThat(ports.app.queries().runs(admin, id, null)).singleElement().satisfies(r -> {
            assertThat(r.triggeredBy()).isEqualTo(TriggeredBy.CONNECT);
            assertThat(r.status()).isEqualTo(SyncRunStatus.PENDING);
        });
    }

    @Test
    void a_handle_connector_without_a_puller_is_never_scheduled_but_its_reconnect_run_completes_with_nothing_to_pull() {
        var outcome = ports.app.connect().connect(admin, ConnectFlowsTest.handle("twitter", "acme", "1234567890"));
        ConnectionId id = outcome.connection().connection().id();
        assertThat(refusal(() -> ports.app.manage().requestSync(admin, id))).isEqualTo(ErrorCode.CONNECTION_NOT_SYNCABLE);
        assertThat(ports.app.syncEngine().dispatchDue(10)).isEmpty();
        ports.app.manage().disconnect(admin, id);
        ports.app.reconnect().reconnect(admin, id, null, null);
        var run = ports.app.queries().runs(admin, id, null).get(0);
        assertThat(run.triggeredBy()).isEqualTo(TriggeredBy.CONNECT);
        var done = ports.app.syncEngine().execute(new RunRef(admin.workspaceId(), run.id())).orElseThrow();
        assertThat(done.status()).isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(done.streamsTotal()).isZero();
        assertThat(ports.app.queries().get(admin, id).connection().status()).isEqualTo(ConnectionStatus.CONNECTED);
    }

    @Test
    void a_requested_run_is_announced_once_its_dispatch_committed_and_a_scheduled_one_is_not() {
        List<SyncRun> seen = new ArrayList<>();
        Runnable stop = ports.app.syncEngine().whenRunRequested(ref ->
                seen.add(ports.storage.runRepository.find(ref.workspaceId(), ref.runId()).orElseThrow()));
        ConnectionId id = pipedrive();
        ports.app.syncEngine().dispatchDue(10);
        assertThat(seen).as("a scheduled run waits for a tick").isEmpty();
        ports.app.syncEngine().execute(ports.app.syncEngine().pendingRuns(1).get(0));
        SyncRun requested = ports.app.manage().requestSync(admin, id);
        assertThat(seen).extracting(SyncRun::id).containsExactly(requested.id());
        ports.app.manage().requestSync(admin, id);
        assertThat(seen).as("a skipped_locked run is not announced").hasSize(1);
        stop.run();
    }

    @Test
    void manual_sync_dispatches_once_and_records_skipped_locked_while_in_flight() {
        ConnectionId id = pipedrive();
        var first = ports.app.manage().requestSync(admin, id);
        ports.clock.advance(Duration.ofSeconds(1));
        var second = ports.app.manage().requestSync(admin, id);
        assertThat(first.status()).isEqualTo(SyncRunStatus.PENDING);
        assertThat(second.status()).isEqualTo(SyncRunStatus.SKIPPED_LOCKED);
        assertThat(ports.app.queries().runs(admin, id, null)).extracting(r -> r.id()).containsExactly(second.id(), first.id());
        ports.app.manage().pause(admin, id);
        ports.app.syncRuns().begin(admin.workspaceId(), first.id());
        assertThat(refusal(() -> ports.app.manage().requestSync(admin, id))).isEqualTo(ErrorCode.CONNECTION_NOT_SYNCABLE);
    }

    @Test
    void run_boundaries_move_health_and_write_health_changed_events() {
        ConnectionId id = pipedrive();
        var run = ports.app.syncRuns().dispatch(admin.workspaceId(), id, TriggeredBy.CONNECT);
        ports.app.syncRuns().begin(admin.workspaceId(), run.id());
        assertThat(ports.app.queries().get(admin, id).connection().status()).isEqualTo(ConnectionStatus.SYNCING);
        assertThat(ports.app.queries().get(admin, id).health().health()).isEqualTo(Health.SYNCING);
        ports.clock.advance(Duration.ofMinutes(2));
        ports.app.syncRuns().finish(admin.workspaceId(), run.id(), RunResult.of(List.of(
                StreamOutcome.succeeded("deals", 10), StreamOutcome.failed("persons", 0, ErrorReason.TRANSIENT, "HTTP 500"))));
        var view = ports.app.queries().get(admin, id);
        assertThat(view.health().health()).isEqualTo(Health.DEGRADED);
        assertThat(view.lastRun().streamsFailed()).isEqualTo(1);
        assertThat(view.connection().sync().lastSyncedAt()).isEqualTo(ports.clock.instant());
        assertThat(ports.app.queries().events(admin, id, null)).filteredOn(e -> e.type() == ConnectionEventType.HEALTH_CHANGED)
                .extracting(e -> e.details().get("to")).containsExactly("degraded", "syncing");
        ports.clock.advance(Duration.ofDays(3));
        assertThat(ports.app.queries().get(admin, id).health().health()).as("time alone writes nothing")
                .isEqualTo(Health.DEGRADED);
    }

    @Test
    void limits_default_cap_and_refuse_below_one() {
        ConnectionId id = pipedrive();
        for (int i = 0; i < 30; i++) {
            ports.clock.advance(Duration.ofSeconds(1));
            ports.app.manage().requestSync(admin, id);
        }
        assertThat(ports.app.queries().runs(admin, id, null)).hasSize(25);
        assertThat(ports.app.queries().runs(admin, id, 500)).hasSize(30);
        assertThat(ports.app.queries().runs(admin, id, 3)).hasSize(3);
        assertThat(refusal(() -> ports.app.queries().runs(admin, id, 0))).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal(() -> ports.app.queries().events(admin, id, -1))).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void the_list_reads_storage_once_however_many_connections_there_are() {
        for (int i = 0; i < 20; i++) {
            pipedrive();
        }
        int before = ports.storage.snapshotListCalls;
        assertThat(ports.app.queries().list(admin)).hasSize(20);
        assertThat(ports.storage.snapshotListCalls - before).isEqualTo(1);
    }
}
