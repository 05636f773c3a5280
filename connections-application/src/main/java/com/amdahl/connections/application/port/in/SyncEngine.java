package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.domain.sync.SyncRun;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a scheduler loop drives, on any number of processes sharing one database: each call is
 * safe to race with itself on another process.
 */
public interface SyncEngine {
    /** Fails runs whose worker stopped heartbeating (or that nobody started) and releases their locks. */
    int reapExpiredRuns();

    /**
     * Fails every run that is running now, without waiting for its lease: for a process that has
     * just opened a database no other process can hold (an H2 file), before it executes anything,
     * when every running run belonged to a process that is gone.
     */
    int reapOrphanedRuns();

    /** Dispatches a run for every due connection (at most {@code limit}); returns the runs dispatched. */
    List<RunRef> dispatchDue(int limit);

    /** Runs waiting for a worker, oldest first. */
    List<RunRef> pendingRuns(int limit);

    /**
     * Starts the run and pulls every stream; returns the finished run. Empty when another worker
     * started it first, or when the database went away before the outcome could be recorded (the
     * engine records it as soon as the database answers again).
     */
    Optional<SyncRun> execute(RunRef run);

    /**
     * Housekeeping: deletes old finished runs in batches (keeping the newest of each connection)
     * and OAuth states that expired more than a day ago. Returns how many rows went.
     */
    int purgeHistory();

    /**
     * Tells {@code listener} of each run requested through this application (a manual sync, a
     * handle reconnect) right after its dispatch committed, so a local worker can start it at once.
     * Returns what removes the listener.
     */
    Runnable whenRunRequested(Consumer<RunRef> listener);

    /** Whether a connector type has a live puller (only those are scheduled). */
    boolean canSync(String connectorType);
}
