package com.amdahl.connections.adapter.persistence;

import static com.amdahl.connections.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.port.out.SyncRunRepository;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SyncRunRepository} must do. */
abstract class SyncRunRepositoryContract extends DatabaseContract {
    private Connection connection;

    SyncRunRepository runs() {
        return adapter.runs();
    }

    @BeforeEach
    void aConnection() {
        connection = Fixtures.pipedrive(workspace, T0);
        adapter.connections().insert(connection);
    }

    private SyncRun pending(String id, int secondsAfterT0) {
        return SyncRun.pending(new RunId(id + "-" + workspace), connection.id(), workspace, TriggeredBy.SCHEDULE,
                T0.plusSeconds(secondsAfterT0));
    }

    @Test
    void a_run_round_trips_through_every_step() {
        SyncRun run = pending("r", 10);
        runs().insert(run);
        assertThat(runs().find(workspace, run.id())).contains(run);

        SyncRun running = run.begin(T0.plusSeconds(11)).heartbeat(T0.plusSeconds(20));
        runs().update(running);
        assertThat(runs().find(workspace, run.id())).contains(running);

        SyncRun finished = running.finish(RunResult.of(List.of(StreamOutcome.succeeded("deals", 42),
                StreamOutcome.failed("persons", 3, ErrorReason.RATE_LIMIT, "429 from provider"))), T0.plusSeconds(30));
        runs().update(finished);
        assertThat(runs().find(workspace, run.id())).contains(finished);

        SyncRun failed = pending("f", 40).begin(T0.plusSeconds(41));
        runs().insert(failed);
        SyncRun failedDone = failed.finish(RunResult.failedOutright(ErrorReason.AUTH, "token revoked"),
                T0.plusSeconds(42));
        runs().update(failedDone);
        assertThat(runs().find(workspace, failed.id())).contains(failedDone);
    }

    @Test
    void lists_newest_first_by_start_then_id_up_to_the_limit() {
        SyncRun a = pending("a", 10);
        SyncRun b = pending("b", 20);
        SyncRun c = pending("c", 20);
        SyncRun d = SyncRun.skippedLocked(new RunId("d-" + workspace), connection.id(), workspace,
                TriggeredBy.MANUAL, T0.plusSeconds(5));
        for (SyncRun run : List.of(c, a, d, b)) {
            runs().insert(run);
        }

        assertThat(runs().listRecent(workspace, connection.id(), 10)).containsExactly(c, b, a, d);
        assertThat(runs().listRecent(workspace, connection.id(), 2)).containsExactly(c, b);
    }

    @Test
    void another_workspace_never_sees_the_runs() {
        SyncRun run = pending("iso", 10);
        runs().insert(run);
        WorkspaceId other = Fixtures.newWorkspace(adapter);

        assertThat(runs().find(other, run.id())).isEmpty();
        assertThat(runs().listRecent(other, connection.id(), 10)).isEmpty();
    }
}
