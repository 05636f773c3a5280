package com.amdahl.connections.application.service;

import static com.amdahl.connections.application.service.ConnectFlowsTest.apiKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amdahl.connections.application.ConnectionAction;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Role;
import org.junit.jupiter.api.Test;

/** Incremental cursors over a connection's life: kept on success and reconnect, dropped for one full-refresh run. */
class FullRefreshTest {
    private final InMemoryPorts ports = new InMemoryPorts();
    private final Principal admin = ports.admin("acme", "alice");
    private final Principal bob = ports.member("acme", "bob", Role.MEMBER);

    private ConnectionId pipedriveWithCursors() {
        ConnectionId id = ports.app.connect().connect(admin, apiKey("pipedrive", "good")).connection().connection().id();
        RunRef first = ports.app.syncEngine().dispatchDue(10).get(0);
        ports.app.syncEngine().execute(first).orElseThrow();
        assertThat(ports.storage.cursors.get(admin.workspaceId(), id, "alpha")).contains("cursor-3");
        return id;
    }

    private SyncRun execute(SyncRun pending) {
        return ports.app.syncEngine().execute(new RunRef(admin.workspaceId(), pending.id())).orElseThrow();
    }

    @Test
    void a_full_refresh_runs_without_cursors_once_and_stores_fresh_ones() {
        ConnectionId id = pipedriveWithCursors();
        ports.puller.requests.clear();
        ports.puller.recordsPerStream = 5;
        SyncRun run = ports.app.manage().requestSync(admin, id, true);
        assertThat(run.status()).isEqualTo(SyncRunStatus.PENDING);
        assertThat(ports.storage.cursors.get(admin.workspaceId(), id, "alpha")).as("dropped with the dispatch").isEmpty();
        execute(run);
        assertThat(ports.puller.requests).extracting(r -> r.cursor()).containsOnlyNulls().hasSize(2);
        assertThat(ports.storage.cursors.get(admin.workspaceId(), id, "beta")).contains("cursor-5");

        ports.puller.requests.clear();
        execute(ports.app.manage().requestSync(admin, id));
        assertThat(ports.puller.requests).extracting(r -> r.cursor()).containsOnly("cursor-5");
    }

    @Test
    void a_skipped_full_refresh_leaves_the_cursors_alone() {
        ConnectionId id = pipedriveWithCursors();
        ports.app.manage().requestSync(admin, id);
        SyncRun skipped = ports.app.manage().requestSync(admin, id, true);
        assertThat(skipped.status()).isEqualTo(SyncRunStatus.SKIPPED_LOCKED);
        assertThat(ports.storage.cursors.get(admin.workspaceId(), id, "alpha")).contains("cursor-3");
    }

    @Test
    void a_failed_stream_keeps_its_previous_cursor_and_a_reconnect_keeps_them_all() {
        ConnectionId id = pipedriveWithCursors();
        ports.puller.recordsPerStream = 7;
        ports.puller.failures.put("beta", ErrorReason.TRANSIENT);
        execute(ports.app.manage().requestSync(admin, id));
        assertThat(ports.storage.cursors.get(admin.workspaceId(), id, "alpha")).contains("cursor-7");
        assertThat(ports.storage.cursors.get(admin.workspaceId(), id, "beta")).contains("cursor-3");

        ports.app.manage().disconnect(admin, id);
        ports.app.reconnect().reconnect(admin, id, "good-new", null);
        assertThat(ports.storage.cursors.get(admin.workspaceId(), id, "alpha")).contains("cursor-7");
        assertThat(ports.storage.cursors.get(admin.workspaceId(), id, "beta")).contains("cursor-3");
    }

    @Test
    void only_admins_may_ask_for_a_full_refresh_and_the_view_says_so() {
        ConnectCommand gmail = new ConnectCommand("gmail", null, null, null, null, null, null, null, null);
        var outcome = ports.app.connect().connect(bob, gmail);
        ports.app.oauthCallback().complete(OAuthCallbackTest.query(outcome.authorizeUrl()).get("state"), "code", null);
        ConnectionId mailbox = outcome.connection().connection().id();
        assertThat(ports.app.queries().get(bob, mailbox).availableActions())
                .contains(ConnectionAction.SYNC).doesNotContain(ConnectionAction.FULL_REFRESH);
        assertThat(ports.app.queries().get(admin, mailbox).availableActions()).contains(ConnectionAction.FULL_REFRESH);
        ConnectionsException refused = catchThrowableOfType(ConnectionsException.class,
                () -> ports.app.manage().requestSync(bob, mailbox, true));
        assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(ports.app.queries().runs(bob, mailbox, null)).as("a refused full refresh records nothing").isEmpty();
        assertThat(ports.app.manage().requestSync(bob, mailbox).status()).isEqualTo(SyncRunStatus.PENDING);
    }

    @Test
    void a_failed_run_still_offers_sync_and_a_read_only_token_nothing() {
        ConnectionId id = pipedriveWithCursors();
        SyncRun run = ports.app.syncRuns().dispatch(admin.workspaceId(), id, TriggeredBy.MANUAL);
        ports.app.syncRuns().begin(admin.workspaceId(), run.id());
        ports.app.syncRuns().finish(admin.workspaceId(), run.id(), RunResult.failedOutright(ErrorReason.TRANSIENT, "HTTP 503"));
        assertThat(ports.app.queries().get(admin, id).availableActions()).containsExactly(ConnectionAction.SYNC,
                ConnectionAction.FULL_REFRESH, ConnectionAction.PAUSE, ConnectionAction.RECONNECT, ConnectionAction.TEST,
                ConnectionAction.RENAME,
                ConnectionAction.DISCONNECT);
        assertThat(ports.app.queries().get(InMemoryPorts.readOnly(admin), id).availableActions()).isEmpty();
    }
}
