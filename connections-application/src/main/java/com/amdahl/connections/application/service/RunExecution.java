package com.amdahl.connections.application.service;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.out.CredentialVault;
import com.amdahl.connections.application.port.out.Liveness;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.RequestBudget;
import com.amdahl.connections.application.port.out.SchedulingQueries;
import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.application.port.out.StreamCursors;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.application.port.out.StreamPuller.PullRequest;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.amdahl.connections.application.port.out.SyncRunRepository;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RecordCounts;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Executes one run: starts it, refreshes an expiring OAuth token ({@link TokenRefresh}, inside the
 * run, which holds the connection's lock), pulls every stream into the sink while heartbeating,
 * and records the result.
 */
final class RunExecution {
    private static final Logger LOG = Logger.getLogger(RunExecution.class.getName());

    private final ConnectionStore store;
    private final SyncRunService runs;
    private final SyncRunRepository runRepository;
    private final StreamPuller puller;
    private final SyncableConnectors syncable;
    private final RecordSink sink;
    private final StreamCursors cursors;
    private final CredentialVault vault;
    private final TokenRefresh tokens;
    private final SyncSettings settings;
    private final EngineThreads threads;
    private final LateOutcomes lateOutcomes;
    private final StreamReconciler reconciler;
    private final SchedulingQueries queries;
    private final AccountBudgets budgets;
    private final Object[] capLocks = new Object[64];

    RunExecution(ConnectionStore store, SyncRunService runs, SyncRunRepository runRepository, StreamPuller puller,
            SyncableConnectors syncable, RecordSink sink, StreamCursors cursors, CredentialVault vault, TokenRefresh tokens,
            SyncSettings settings, EngineThreads threads, StreamReconciler reconciler, SchedulingQueries queries,
            AccountBudgets budgets) {
        this.queries = queries;
        this.budgets = budgets;
        for (int i = 0; i < capLocks.length; i++) {
            capLocks[i] = new Object();
        }
        this.store = store;
        this.runs = runs;
        this.runRepository = runRepository;
        this.puller = puller;
        this.syncable = syncable;
        this.sink = sink;
        this.cursors = cursors;
        this.vault = vault;
        this.tokens = tokens;
        this.settings = settings;
        this.threads = threads;
        this.lateOutcomes = new LateOutcomes(runs, threads);
        this.reconciler = reconciler;
    }

    Optional<SyncRun> execute(RunRef ref) {
        ScheduledExecutorService heartbeats = threads.schedule(); // a closed engine refuses before the run is taken
        SyncRun running;
        try {
            Optional<SyncRun> begun = beginWithinCap(ref);
            if (begun.isEmpty()) {
                return Optional.empty(); // the workspace runs its cap: the run stays pending for a free slot
            }
            running = begun.get();
        } catch (ConnectionsException lost) {
            if (lost.code() == ErrorCode.INVALID_TRANSITION || lost.code() == ErrorCode.CONNECTION_NOT_FOUND
                    || lost.code() == ErrorCode.CONFLICT) {
                return Optional.empty(); // another worker started it, or it was reaped meanwhile
            }
            throw lost;
        }
        if (running.status() != SyncRunStatus.RUNNING) {
            return Optional.of(running); // cancelled: the connection was paused or disconnected meanwhile
        }
        RunResult result;
        RunLife life = new RunLife(running);
        ScheduledFuture<?> beating = heartbeats.scheduleWithFixedDelay(life::beat,
                settings.heartbeatEvery().toMillis(), settings.heartbeatEvery().toMillis(), TimeUnit.MILLISECONDS);
        try {
            result = pullEverything(running, life);
        } catch (RuntimeException unexpected) {
            result = unexpectedFailure(running, unexpected);
        } finally {
            beating.cancel(false);
        }
        try {
            return Optional.of(runs.finish(ref.workspaceId(), ref.runId(), result));
        } catch (ConnectionsException refused) {
            if (LateOutcomes.isOutage(refused)) {
                lateOutcomes.recordWhenTheDatabaseReturns(ref, result);
                return Optional.empty();
            }
            return runRepository.find(ref.workspaceId(), ref.runId()); // reaped meanwhile
        }
    }

    /**
     * Starts the run unless its workspace already runs {@code workspaceMaxRuns}. The count and the
     * start are one step within this process (a lock per workspace stripe); two processes racing
     * may each start one more.
     */
    private Optional<SyncRun> beginWithinCap(RunRef ref) {
        synchronized (capLocks[Math.floorMod(ref.workspaceId().value().hashCode(), capLocks.length)]) {
            if (queries.runningIn(ref.workspaceId()) >= settings.workspaceMaxRuns()) {
                return Optional.empty();
            }
            return Optional.of(runs.begin(ref.workspaceId(), ref.runId()));
        }
    }

    private static RunResult unexpectedFailure(SyncRun run, RuntimeException unexpected) {
        if (LateOutcomes.isOutage(unexpected)) {
            return RunResult.failedOutright(ErrorReason.TRANSIENT, "The database was unavailable during the run");
        }
        LOG.log(Level.WARNING, "run " + run.id() + " failed unexpectedly: " + unexpected.getClass().getSimpleName());
        return RunResult.failedOutright(ErrorReason.UNKNOWN, "The run failed unexpectedly ("
                + unexpected.getClass().getSimpleName() + ")");
    }

    private RunResult pullEverything(SyncRun run, RunLife life) {
        Connection connection = store.connections.find(run.workspaceId(), run.connectionId())
                .orElseThrow(ConnectionStore::notFound);
        Connector connector = store.connectorOf(connection);
        List<String> streams = syncable.streams(connector.type());
        if (streams.isEmpty()) {
            // Only a handle reconnect dispatches a run of a connector without streams (the seed: it
            // re-triggers the sync): the tracked account was confirmed, there is nothing to pull yet.
            return connector.authMethod() == AuthMethod.HANDLE ? RunResult.of(List.of())
                    : RunResult.failedOutright(ErrorReason.CONFIG, connector.name() + " has no puller yet");
        }
        Optional<Credentials> stored = vault.load(run.workspaceId(), run.connectionId());
        if (stored.isEmpty() && connector.authMethod() != AuthMethod.HANDLE) {
            return RunResult.failedOutright(ErrorReason.AUTH, "No credentials are stored for this connection");
        }
        Credentials credentials = stored.orElseGet(() -> trackedAccount(connection));
        boolean oauth = credentials != null && connector.authMethod() == AuthMethod.OAUTH_REDIRECT;
        if (oauth) {
            try {
                credentials = tokens.inRunIfExpiring(connection, credentials);
            } catch (ConnectionsException refusal) {
                return RunResult.failedOutright(refusal.code() == ErrorCode.INVALID_CREDENTIALS ? ErrorReason.AUTH
                        : ErrorReason.TRANSIENT, refusal.getMessage());
            }
        }
        AccountBudgets.Spending budget = budgets.forRun(connection, connector, credentials, life);
        List<StreamOutcome> outcomes = new ArrayList<>();
        boolean authFailed = false;
        boolean refreshedAfterAuthFailure = false;
        for (String stream : streams) {
            if (authFailed) {
                outcomes.add(StreamOutcome.failed(stream, 0, ErrorReason.AUTH, "not attempted after an auth failure"));
                continue;
            }
            StreamOutcome outcome = pullStream(run, connector, stream, credentials, life, budget);
            if (outcome.failure() == ErrorReason.AUTH && oauth && !refreshedAfterAuthFailure
                    && TokenRefresh.refreshable(credentials)) {
                // A grant without a stated expiry (Salesforce sessions) is only known to have expired when the
                // provider refuses it: refresh once, through the same serialized path, and pull the stream again.
                refreshedAfterAuthFailure = true;
                try {
                    credentials = tokens.inRun(connection, credentials);
                    outcome = pullStream(run, connector, stream, credentials, life, budget);
                } catch (ConnectionsException refusal) {
                    // the refusal is recorded (credentials_rejected); the stream keeps its auth failure
                }
            }
            outcomes.add(outcome);
            authFailed = outcome.failure() == ErrorReason.AUTH;
        }
        boolean rateLimited = outcomes.stream().anyMatch(o -> o.failure() == ErrorReason.RATE_LIMIT);
        return RunResult.of(outcomes).withRetryNotBefore(rateLimited ? budget.refusedUntil().orElse(null) : null);
    }

    private StreamOutcome pullStream(SyncRun run, Connector connector, String stream, Credentials credentials,
            RunLife life, AccountBudgets.Spending budget) {
        StreamOutcome outcome = pullStreamOnce(run, connector, stream, credentials, life, budget);
        if (outcome.failure() == ErrorReason.RATE_LIMIT && budget.refusedUntil().isPresent()) {
            return outcome.explained(RateLimitWait.message(budget.refusedUntil().get()));
        }
        return outcome;
    }

    private StreamOutcome pullStreamOnce(SyncRun run, Connector connector, String stream, Credentials credentials,
            RunLife life, AccountBudgets.Spending budget) {
        if (life.pastDeadline()) {
            return StreamOutcome.failed(stream, 0, ErrorReason.TRANSIENT, "the run timed out");
        }
        if (syncable.push().pushes(connector.type())) {
            return push(run, credentials, life);
        }
        CountingSink counting = null;
        try {
            StreamReconciler.Plan plan = reconciler.plan(run, connector.type(), stream,
                    cursors.get(run.workspaceId(), run.connectionId(), stream).orElse(null));
            counting = new CountingSink(sink, plan.reconciled(), plan.window());
            PullResult result = puller.pull(new PullRequest(run.workspaceId(), run.connectionId(), connector.type(),
                    stream, credentials, plan.cursor(), life, threads.children(), budget), counting);
            if (result.outcome().isFailure()) {
                return result.outcome().withRecords(counting.counted()); // an incomplete pass decides nothing
            }
            if (result.nextCursor() != null) {
                cursors.put(run.workspaceId(), run.connectionId(), stream, result.nextCursor());
            }
            RecordCounts counts = counting.counted();
            if (plan.reconciled()) {
                counts = counts.plus(reconciler.reconcile(run, stream, plan, counting));
            }
            return result.outcome().withRecords(counts);
        } catch (RequestBudget.Exhausted exhausted) {
            return StreamOutcome.failed(stream, 0, ErrorReason.RATE_LIMIT, RateLimitWait.message(exhausted.until()))
                    .withRecords(counted(counting));
        } catch (RuntimeException stopped) {
            return interrupted(stream, stopped).withRecords(counted(counting));
        }
    }

    /** A stream the run stopped ({@link Liveness.RunStopped}) or that failed unexpectedly. */
    private static StreamOutcome interrupted(String stream, RuntimeException cause) {
        if (cause instanceof Liveness.RunStopped) {
            return StreamOutcome.failed(stream, 0, ErrorReason.TRANSIENT, "the run timed out");
        }
        return LateOutcomes.isOutage(cause)
                ? StreamOutcome.failed(stream, 0, ErrorReason.TRANSIENT, "the database was unavailable")
                : StreamOutcome.failed(stream, 0, ErrorReason.UNKNOWN, "unexpected " + cause.getClass().getSimpleName());
    }

    /** An outbound knowledge sync's one stream: the push reports its own pages, created, updated and archived. */
    private StreamOutcome push(SyncRun run, Credentials credentials, RunLife life) {
        try {
            return syncable.push().push(run.workspaceId(), run.connectionId(), credentials, life);
        } catch (RuntimeException stopped) {
            return interrupted(KnowledgePush.STREAM, stopped);
        }
    }

    private static RecordCounts counted(CountingSink counting) {
        return counting == null ? RecordCounts.NONE : counting.counted();
    }

    /**
     * The run's one heartbeat path and the {@link Liveness} its puller checks. Beats come from the
     * engine's timer, not from the pull: a slow provider call (retries, a Retry-After) must not look
     * like a dead worker, and only a dead process stops them. A beat the run refuses (reaped
     * meanwhile) marks the lease lost; the puller learns it, or that the run outlived its timeout,
     * at its next check.
     */
    private final class RunLife implements Liveness {
        private final SyncRun run;
        private final Instant deadline;
        private volatile boolean leaseLost;

        RunLife(SyncRun run) {
            this.run = run;
            this.deadline = run.startedAt().plus(settings.runTimeout());
        }

        /** Called by the timer. */
        void beat() {
            try {
                runs.heartbeat(run.workspaceId(), run.id());
            } catch (ConnectionsException refused) {
                if (!LateOutcomes.isOutage(refused)) {
                    leaseLost = true; // finished or reaped meanwhile: stop pulling
                }
            } catch (RuntimeException e) {
                // the database is briefly away: the lease decides
            }
        }

        boolean pastDeadline() {
            return !store.now().isBefore(deadline);
        }

        @Override
        public void check() {
            if (leaseLost || pastDeadline()) {
                throw new RunStopped("the run timed out");
            }
        }
    }

    /** A handle connection stores no secret: its streams get the tracked account (X user id, LinkedIn organization). */
    private static Credentials trackedAccount(Connection connection) {
        var social = connection.profile().social();
        return social == null ? null : Credentials.trackedAccount(social.externalAccountId(), social.handle());
    }
}
