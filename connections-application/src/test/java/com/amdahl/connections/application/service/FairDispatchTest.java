package com.amdahl.connections.application.service;

import static com.amdahl.connections.application.service.ConnectFlowsTest.apiKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.in.SyncEngine;
import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 25: a workspace with many due connections cannot starve another; each keeps to its cap. */
class FairDispatchTest {
    private final InMemoryPorts ports = new InMemoryPorts();
    private final SyncEngine engine = ports.app.syncEngine();
    private final Principal big = ports.admin("big", "alice");
    private final Principal small = ports.admin("small", "bob");

    private ConnectionId connect(Principal admin) {
        return ports.app.connect().connect(admin, apiKey("pipedrive", "good")).connection().connection().id();
    }

    private long inFlight(WorkspaceId workspace) {
        return ports.storage.schedulingQueries.runsInFlight().getOrDefault(workspace,
                new com.amdahl.connections.application.port.out.SchedulingQueries.InFlight(0, 0)).total();
    }

    @Test
    void a_small_workspace_is_dispatched_on_the_first_tick_whatever_a_big_one_has_due() {
        for (int i = 0; i < 500; i++) {
            connect(big);
        }
        ConnectionId lone = connect(small); // connected last: oldest-first dispatch would take it after 500 others

        List<RunRef> firstTick = engine.dispatchDue(16);
        assertThat(firstTick).extracting(RunRef::workspaceId)
                .containsOnly(big.workspaceId(), small.workspaceId())
                .filteredOn(small.workspaceId()::equals).hasSize(1);
        assertThat(firstTick).filteredOn(r -> r.workspaceId().equals(big.workspaceId()))
                .as("the default cap: 2 runs in flight per workspace").hasSize(2);

        List<RunRef> startable = engine.pendingRuns(4);
        assertThat(startable).hasSize(3).extracting(RunRef::workspaceId).contains(small.workspaceId());
        RunRef smallRun = startable.stream().filter(r -> r.workspaceId().equals(small.workspaceId())).findFirst().orElseThrow();
        SyncRun done = engine.execute(smallRun).orElseThrow();
        assertThat(done.connectionId()).isEqualTo(lone);
        assertThat(done.status()).isEqualTo(SyncRunStatus.COMPLETED);

        for (int tick = 0; tick < 5; tick++) {
            assertThat(engine.dispatchDue(16)).as("the big workspace's cap holds while its runs are in flight").isEmpty();
            assertThat(inFlight(big.workspaceId())).isEqualTo(2);
        }
        engine.execute(startable.get(0));
        assertThat(engine.dispatchDue(16)).as("a finished run frees exactly one slot").hasSize(1);
        assertThat(inFlight(big.workspaceId())).isEqualTo(2);
    }

    @Test
    void a_manual_sync_starts_at_once_within_its_workspace_cap_and_waits_beyond_it() {
        InMemoryPorts capped = new InMemoryPorts();
        var app = capped.builder().syncSettings(SyncSettings.defaults().withWorkspaceMaxRuns(1)).build();
        Principal admin = capped.admin("acme", "alice");
        Principal other = capped.admin("other", "carol");
        ConnectionId first = app.connect().connect(admin, apiKey("pipedrive", "good")).connection().connection().id();
        ConnectionId second = app.connect().connect(admin, apiKey("pipedrive", "good")).connection().connection().id();
        ConnectionId elsewhere = app.connect().connect(other, apiKey("pipedrive", "good")).connection().connection().id();

        SyncRun a = app.manage().requestSync(admin, first);
        SyncRun b = app.manage().requestSync(admin, second);
        SyncRun c = app.manage().requestSync(other, elsewhere);
        // the first of the workspace starts; while it runs, the second finds the workspace's one slot taken
        SyncEngine engine = app.syncEngine();
        capped.puller.duringPull = () -> {
            assertThat(engine.execute(new RunRef(admin.workspaceId(), b.id()))).as("beyond the cap: left pending").isEmpty();
            assertThat(engine.pendingRuns(10)).as("not offered while the workspace runs its cap")
                    .extracting(RunRef::runId).containsExactly(c.id());
            capped.puller.duringPull = () -> { };
        };
        assertThat(engine.execute(new RunRef(admin.workspaceId(), a.id())).orElseThrow().status())
                .isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(engine.execute(new RunRef(other.workspaceId(), c.id())).orElseThrow().status())
                .as("another workspace's cap is its own").isEqualTo(SyncRunStatus.COMPLETED);
        assertThat(engine.pendingRuns(10)).extracting(RunRef::runId).containsExactly(b.id());
        assertThat(engine.execute(new RunRef(admin.workspaceId(), b.id())).orElseThrow().status())
                .isEqualTo(SyncRunStatus.COMPLETED);
    }
}
