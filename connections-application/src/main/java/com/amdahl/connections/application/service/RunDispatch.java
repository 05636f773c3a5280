package com.amdahl.connections.application.service;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.out.ConcurrentUpdate;
import com.amdahl.connections.application.port.out.SchedulingQueries;
import com.amdahl.connections.application.port.out.SchedulingQueries.ConnectionRef;
import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.application.port.out.SyncRunRepository;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.RunStep;
import com.amdahl.connections.domain.sync.RunId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Dispatch and reap: finds due connections and gives each a pending run, and fails runs whose
 * worker went silent. Every decision is taken again by the aggregate inside a unit of work, so
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
        for (ConnectionRef candidate : queries.findDueCandidates(cutoffs, limit)) {
            if (!mayRun.mayRun(candidate.connectorType(), candidate.workspaceId(), candidate.connectionId())) {
                continue;
            }
            try {
                dispatchIfDue(candidate, intervals.get(candidate.connectorType())).ifPresent(dispatched::add);
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

    List<RunRef> pendingRuns(int limit) {
        return queries.findPendingRuns(limit);
    }
}
