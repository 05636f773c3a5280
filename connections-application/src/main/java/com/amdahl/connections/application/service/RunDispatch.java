package com.amdahl.connections.application.service;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.out.ConcurrentUpdate;
import com.amdahl.connections.application.port.out.SchedulingQueries;
import com.amdahl.connections.application.port.out.SchedulingQueries.ConnectionRef;
import com.amdahl.connections.application.port.out.SchedulingQueries.InFlight;
import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.application.port.out.SyncRunRepository;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.RunStep;
import com.amdahl.connections.domain.sync.RunId;
import java.time.Duration;
import java.time.Instant;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Dispatch and reap: finds due connections and gives each a pending run, and fails runs whose
 * worker went silent. Dispatch is fair: a workspace gets at most {@code workspaceMaxRuns} runs in
 * flight from the scheduler, and workspaces take turns among the due connections. Every decision is taken again by the aggregate inside a unit of work, so
 * any number of processes may do this at once.
 */
final class RunDispatch {
    private static final int BATCH = 500;

    private final ConnectionStore store;
    private final SyncRunService runs;
    private final SyncRunRepository runRepository;
    private final SchedulingQueries queries;
    private final CadenceService cadence;
    private final SyncSettings settings;

    RunDispatch(ConnectionStore store, SyncRunService runs, SyncRunRepository runRepository, SchedulingQueries queries,
            CadenceService cadence, SyncSettings settings) {
        this.store = store;
        this.runs = runs;
        this.runRepository = runRepository;
        this.queries = queries;
        this.cadence = cadence;
        this.settings = settings;
    }

    int reapExpiredRuns() {
        Instant now = store.now();
        return reap(now.minus(settings.lease()), now.minus(settings.pendingTimeout()));
    }

    /** Every run running now: only called when no other process can be executing one (see the port). */
    int reapOrphanedRuns() {
        Instant now = store.now();
        int reaped = 0;
        int batch;
        do { // in batches, until none is left with a heartbeat from before this call
            batch = reap(now, now.minus(settings.pendingTimeout()));
            reaped += batch;
        } while (batch > 0);
        return reaped;
    }

    private int reap(Instant runningHeartbeatBefore, Instant pendingSince) {
        int reaped = 0;
        for (RunRef ref : queries.findExpiredRuns(runningHeartbeatBefore, pendingSince, BATCH)) {
            try {
                runs.reap(ref.workspaceId(), ref.runId());
                reaped++;
            } catch (ConnectionsException finishedMeanwhile) {
                // another process reaped or finished it first
            }
        }
        return reaped;
    }

    /** {@code mayRun} answers for one connection (type, workspace, id): a knowledge sync runs only once configured. */
    List<RunRef> dispatchDue(int limit, Predicate<String> syncable, ConnectionGate mayRun) {
        Instant now = store.now();
        Map<String, Duration> intervals = new LinkedHashMap<>();
        Map<String, Instant> cutoffs = new LinkedHashMap<>();
        for (Connector connector : store.catalog.all()) {
            if (syncable.test(connector.type())) {
                Duration interval = cadence.effective(connector).interval();
                intervals.put(connector.type(), interval);
                cutoffs.put(connector.type(), now.minus(interval));
            }
        }
        List<RunRef> dispatched = new ArrayList<>();
        if (cutoffs.isEmpty()) {
            return dispatched;
        }
        int cap = settings.workspaceMaxRuns();
        Map<WorkspaceId, Integer> free = freeSlots(InFlight::total);
        for (ConnectionRef candidate : queries.findDueCandidates(cutoffs, full(free), cap, limit, now)) {
            int left = free.getOrDefault(candidate.workspaceId(), cap);
            if (left <= 0) {
                continue; // the workspace's cap is used up: its other due connections wait for a free slot
            }
            if (!mayRun.mayRun(candidate.connectorType(), candidate.workspaceId(), candidate.connectionId())) {
                continue;
            }
            try {
                Optional<RunRef> run = dispatchIfDue(candidate, intervals.get(candidate.connectorType()));
                if (run.isPresent()) {
                    dispatched.add(run.get());
                    free.put(candidate.workspaceId(), left - 1);
                }
            } catch (ConcurrentUpdate contended) {
                // another process is dispatching this connection right now
            }
        }
        return dispatched;
    }

    /** Re-checks the candidate inside the unit of work: a connection no longer due is left alone, silently. */
    private Optional<RunRef> dispatchIfDue(ConnectionRef candidate, Duration interval) {
        RunId runId = new RunId(UUID.randomUUID().toString());
        return store.transact(() -> {
            Optional<Connection> found = store.connections.find(candidate.workspaceId(), candidate.connectionId());
            Instant now = store.now();
            if (found.isEmpty() || !found.get().isDue(now, interval)) {
                return Optional.<RunRef>empty();
            }
            Connection current = found.get();
            RunStep step = current.dispatchRun(runId, current.scheduledTrigger(), now);
            store.connections.update(step.connection());
            runRepository.insert(step.run());
            return Optional.of(new RunRef(candidate.workspaceId(), runId));
        });
    }

    /** Whether one due connection may run now. */
    @FunctionalInterface
    interface ConnectionGate {
        boolean mayRun(String connectorType, com.amdahl.connections.domain.workspace.WorkspaceId workspaceId,
                com.amdahl.connections.domain.workspace.ConnectionId connectionId);
    }


    /** The free slots of each workspace with runs in flight, counting its runs by {@code counted}; others have the whole cap. */
    private Map<WorkspaceId, Integer> freeSlots(ToIntFunction<InFlight> counted) {
        Map<WorkspaceId, Integer> free = new HashMap<>();
        queries.runsInFlight().forEach((workspace, inFlight) ->
                free.put(workspace, settings.workspaceMaxRuns() - counted.applyAsInt(inFlight)));
        return free;
    }

    private static Set<WorkspaceId> full(Map<WorkspaceId, Integer> free) {
        Set<WorkspaceId> full = new HashSet<>();
        free.forEach((workspace, slots) -> {
            if (slots <= 0) {
                full.add(workspace);
            }
        });
        return full;
    }

    /**
     * Pending runs a worker may start now, fair across workspaces: none of a workspace already
     * running its cap, and no more of one than its free slots.
     */
    List<RunRef> pendingRuns(int limit) {
        int cap = settings.workspaceMaxRuns();
        Map<WorkspaceId, Integer> free = freeSlots(InFlight::running);
        List<RunRef> startable = new ArrayList<>();
        for (RunRef run : queries.findPendingRuns(full(free), cap, limit)) {
            int left = free.getOrDefault(run.workspaceId(), cap);
            if (left > 0) {
                startable.add(run);
                free.put(run.workspaceId(), left - 1);
            }
        }
        return startable;
    }
}
