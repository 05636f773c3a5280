package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.in.SyncEngine;
import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The sync engine's inbound port, one job per collaborator: {@link RunDispatch} (due connections,
 * lost runs), {@link RunExecution} (one run), {@link Housekeeping} (old history). Every decision
 * is taken by the aggregate inside a unit of work, so any number of processes may drive it at once.
 */
final class SyncEngineService implements SyncEngine, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SyncEngineService.class.getName());

    private final RunDispatch dispatch;
    private final RunExecution execution;
    private final Housekeeping housekeeping;
    private final SyncableConnectors syncable;
    private final EngineThreads timer;
    private final SyncRunService runs;
    private final List<Consumer<RunRef>> requestListeners = new CopyOnWriteArrayList<>();

    SyncEngineService(RunDispatch dispatch, RunExecution execution, Housekeeping housekeeping,
            SyncableConnectors syncable, EngineThreads timer, SyncRunService runs) {
        this.runs = runs;
        this.dispatch = dispatch;
        this.execution = execution;
        this.housekeeping = housekeeping;
        this.syncable = syncable;
        this.timer = timer;
    }

    @Override
    public boolean canSync(String connectorType) {
        return !syncable.streams(connectorType).isEmpty();
    }

    @Override
    public int reapExpiredRuns() {
        return dispatch.reapExpiredRuns();
    }

    @Override
    public int reapOrphanedRuns() {
        return dispatch.reapOrphanedRuns();
    }

    @Override
    public List<RunRef> dispatchDue(int limit) {
        return dispatch.dispatchDue(limit, this::canSync, syncable.push()::mayRun);
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

    @Override
    public Runnable whenRunRequested(Consumer<RunRef> listener) {
        requestListeners.add(listener);
        return () -> requestListeners.remove(listener);
    }


    /** Whether this connection may run now (a knowledge sync: once configured). */
    boolean mayRun(com.amdahl.connections.domain.connection.Connection connection) {
        return syncable.push().mayRun(connection.connectorType(), connection.workspaceId(), connection.id());
    }

    /**
     * Dispatches a run someone asked for and, once its unit of work has committed, tells the
     * listeners, so it starts within moments rather than on the next tick. Never call it inside
     * an outer unit of work: a listener could then look for a run that is not committed yet.
     */
    SyncRun request(WorkspaceId workspaceId, ConnectionId id, TriggeredBy trigger) {
        return request(workspaceId, id, trigger, recorded -> { });
    }

    /** {@link #request}, running {@code alongside} with the recorded run in the unit of work that records it. */
    SyncRun request(WorkspaceId workspaceId, ConnectionId id, TriggeredBy trigger,
            java.util.function.Consumer<SyncRun> alongside) {
        SyncRun run = runs.dispatch(workspaceId, id, trigger, alongside);
        if (run.status() == SyncRunStatus.PENDING) {
            RunRef ref = new RunRef(run.workspaceId(), run.id());
            for (Consumer<RunRef> listener : requestListeners) {
                try {
                    listener.accept(ref);
                } catch (RuntimeException e) {
                    LOG.warning("handing run " + run.id() + " to a worker failed (" + e.getClass().getSimpleName()
                            + "); the next tick picks it up");
                }
            }
        }
        return run;
    }

    /** Stops the engine's timer and child threads; a run still executing stops heartbeating. */
    @Override
    public void close() {
        timer.close();
    }
}
