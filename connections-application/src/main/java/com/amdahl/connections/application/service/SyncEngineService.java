package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.in.SyncEngine;
import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.domain.sync.SyncRun;
import java.util.List;
import java.util.Optional;

/**
 * The sync engine's inbound port, one job per collaborator: {@link RunDispatch} (due connections,
 * lost runs), {@link RunExecution} (one run), {@link Housekeeping} (old history). Every decision
 * is taken by the aggregate inside a unit of work, so any number of processes may drive it at once.
 */
final class SyncEngineService implements SyncEngine, AutoCloseable {
    private final RunDispatch dispatch;
    private final RunExecution execution;
    private final Housekeeping housekeeping;
    private final StreamPuller puller;
    private final EngineTimer timer;

    SyncEngineService(RunDispatch dispatch, RunExecution execution, Housekeeping housekeeping, StreamPuller puller,
            EngineTimer timer) {
        this.dispatch = dispatch;
        this.execution = execution;
        this.housekeeping = housekeeping;
        this.puller = puller;
        this.timer = timer;
    }

    @Override
    public boolean canSync(String connectorType) {
        return !puller.streams(connectorType).isEmpty();
    }

    @Override
    public int reapExpiredRuns() {
        return dispatch.reapExpiredRuns();
    }

    @Override
    public List<RunRef> dispatchDue(int limit) {
        return dispatch.dispatchDue(limit, this::canSync);
    }

    @Override
    public List<RunRef> pendingRuns(int limit) {
        return dispatch.pendingRuns(limit);
    }

    @Override
    public Optional<SyncRun> execute(RunRef ref) {
        return execution.execute(ref);
    }

    @Override
    public int purgeHistory() {
        return housekeeping.purgeHistory();
    }

    /** Stops the engine's timer thread; a run still executing stops heartbeating. */
    @Override
    public void close() {
        timer.close();
    }
}
