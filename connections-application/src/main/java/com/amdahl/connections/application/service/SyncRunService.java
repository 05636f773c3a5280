package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.in.RecordSyncRuns;
import com.amdahl.connections.application.port.out.SyncRunRepository;
import com.amdahl.connections.application.port.out.Telemetry;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.connection.RunStep;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import java.time.Duration;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Run boundaries. Each one stores the run row and the connection it changed in one unit of work;
 * the connection's optimistic version makes taking its lock a conditional write, so two
 * dispatchers racing on one connection leave one pending run and one skipped_locked run.
 */
final class SyncRunService implements RecordSyncRuns {
    private final ConnectionStore store;
    private final SyncRunRepository runs;
    private final Telemetry telemetry;

    SyncRunService(ConnectionStore store, SyncRunRepository runs, Telemetry telemetry) {
        this.store = store;
        this.runs = runs;
        this.telemetry = telemetry;
    }

    @Override
    public SyncRun dispatch(WorkspaceId workspaceId, ConnectionId id, TriggeredBy trigger) {
        return dispatch(workspaceId, id, trigger, run -> { });
    }

    /** Dispatches and runs {@code alongside} with the recorded run in the same unit of work. */
    SyncRun dispatch(WorkspaceId workspaceId, ConnectionId id, TriggeredBy trigger,
            java.util.function.Consumer<SyncRun> alongside) {
        RunId runId = new RunId(UUID.randomUUID().toString());
        return store.transact(() -> {
            Connection current = store.connections.find(workspaceId, id).orElseThrow(ConnectionStore::notFound);
            RunStep step = current.dispatchRun(runId, trigger, store.now());
            if (step.connection() != current) {
                store.connections.update(step.connection());
            }
            runs.insert(step.run());
            alongside.accept(step.run());
            return step.run();
        });
    }

    @Override
    public SyncRun begin(WorkspaceId workspaceId, RunId runId) {
        return step(workspaceId, runId, (connection, run) -> connection.beginRun(run, store.now()));
    }

    @Override
    public SyncRun heartbeat(WorkspaceId workspaceId, RunId runId) {
        return store.transact(() -> {
            SyncRun beat = requireRun(workspaceId, runId).heartbeat(store.now());
            runs.update(beat);
            return beat;
        });
    }

    @Override
    public SyncRun finish(WorkspaceId workspaceId, RunId runId, RunResult result) {
        return step(workspaceId, runId, (connection, run) -> connection.finishRun(run, result, store.now()));
    }

    @Override
    public SyncRun reap(WorkspaceId workspaceId, RunId runId) {
        return step(workspaceId, runId, (connection, run) -> connection.reapLostRun(run, store.now()));
    }

    private SyncRun step(WorkspaceId workspaceId, RunId runId, BiFunction<Connection, SyncRun, RunStep> transition) {
        String[] connectorType = new String[1];
        SyncRun[] before = new SyncRun[1];
        SyncRun after = store.transact(() -> {
            SyncRun run = requireRun(workspaceId, runId);
            Connection current = store.connections.find(workspaceId, run.connectionId())
                    .orElseThrow(ConnectionStore::notFound);
            RunStep step = transition.apply(current, run);
            Connection stored = store.connections.update(step.connection());
            runs.update(step.run());
            store.recordHealthChange(current, stored, null, store.now());
            connectorType[0] = current.connectorType();
            before[0] = run;
            store.notifier.onRunStep(stored, step.run(), store.now());
            return step.run();
        });
        reportIfFinished(connectorType[0], before[0], after);
        return after;
    }

    /** Reported after the unit of work committed, so a retried transaction reports once. */
    private void reportIfFinished(String connectorType, SyncRun before, SyncRun after) {
        boolean finished = after.status() == SyncRunStatus.COMPLETED || after.status() == SyncRunStatus.FAILED;
        if (!finished || before.status() == after.status()) {
            return;
        }
        Duration took = after.finishedAt() == null ? Duration.ZERO : Duration.between(after.startedAt(), after.finishedAt());
        telemetry.runFinished(connectorType, after.status().wire(),
                after.errorReason() == null ? null : after.errorReason().wire(), took, after.recordsWritten());
    }

    private SyncRun requireRun(WorkspaceId workspaceId, RunId runId) {
        return runs.find(workspaceId, runId).orElseThrow(() ->
                new ConnectionsException(ErrorCode.CONNECTION_NOT_FOUND, "Run not found"));
    }
}
