package com.amdahl.connections.application.service;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.in.SyncEngine;
import com.amdahl.connections.application.port.out.ConcurrentUpdate;
import com.amdahl.connections.application.port.out.CredentialVault;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.OAuthStateStore;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.SchedulingQueries;
import com.amdahl.connections.application.port.out.SchedulingQueries.ConnectionRef;
import com.amdahl.connections.application.port.out.SchedulingQueries.RunRef;
import com.amdahl.connections.application.port.out.StreamCursors;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.application.port.out.StreamPuller.PullRequest;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.amdahl.connections.application.port.out.SyncRunRepository;
import com.amdahl.connections.application.port.out.TokenRefresher;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.connection.RunStep;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sync engine. Every decision (due, lock, lease) is taken by the aggregate inside a unit of
 * work, so any number of processes may drive it at once. Token refreshes happen inside a run,
 * which holds the connection's lock: two refreshes of one connection can never overlap, and the
 * rotated refresh token is stored before the new access token is used.
 */
final class SyncEngineService implements SyncEngine {
    private static final Logger LOG = Logger.getLogger(SyncEngineService.class.getName());
    private static final int BATCH = 500;
    private static final ScheduledExecutorService HEARTBEATS = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "sync-heartbeats");
        t.setDaemon(true);
        return t;
    });

    private final ConnectionStore store;
    private final SyncRunService runs;
    private final SyncRunRepository runRepository;
    private final SchedulingQueries queries;
    private final CadenceService cadence;
    private final StreamPuller puller;
    private final RecordSink sink;
    private final StreamCursors cursors;
    private final CredentialVault vault;
    private final TokenRefresher refresher;
    private final OAuthStateStore oauthStates;
    private final SyncSettings settings;

    SyncEngineService(ConnectionStore store, SyncRunService runs, SyncRunRepository runRepository,
            SchedulingQueries queries, CadenceService cadence, StreamPuller puller, RecordSink sink,
            StreamCursors cursors, CredentialVault vault, TokenRefresher refresher, OAuthStateStore oauthStates,
            SyncSettings settings) {
        this.store = store;
        this.runs = runs;
        this.runRepository = runRepository;
        this.queries = queries;
        this.cadence = cadence;
        this.puller = puller;
        this.sink = sink;
        this.cursors = cursors;
        this.vault = vault;
        this.refresher = refresher;
        this.oauthStates = oauthStates;
        this.settings = settings;
    }

    @Override
    public boolean canSync(String connectorType) {
        return !puller.streams(connectorType).isEmpty();
    }

    @Override
    public int reapExpiredRuns() {
        Instant now = store.now();
        int reaped = 0;
        for (RunRef ref : queries.findExpiredRuns(now.minus(settings.lease()), now.minus(settings.pendingTimeout()), BATCH)) {
            try {
                runs.reap(ref.workspaceId(), ref.runId());
                reaped++;
            } catch (ConnectionsException finishedMeanwhile) {
                // another process reaped or finished it first
            }
        }
        return reaped;
    }

    @Override
    public List<RunRef> dispatchDue(int limit) {
        Instant now = store.now();
        Map<String, Duration> intervals = new LinkedHashMap<>();
        Map<String, Instant> cutoffs = new LinkedHashMap<>();
        for (Connector connector : store.catalog.all()) {
            if (canSync(connector.type())) {
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

    @Override
    public List<RunRef> pendingRuns(int limit) {
        return queries.findPendingRuns(limit);
    }

    @Override
    public int purgeHistory() {
        Instant now = store.now();
        Instant cutoff = now.minus(settings.retention());
        // A used state is kept until it expires (CONTRACT 9.10), so replays still get invalid_state;
        // a day later it is only clutter.
        int total = oauthStates.deleteExpired(now.minus(Duration.ofDays(1)));
        int deleted;
        do {
            deleted = queries.deleteOldRuns(cutoff, settings.keepRuns(), BATCH);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }

    @Override
    public Optional<SyncRun> execute(RunRef ref) {
        SyncRun running;
        try {
            running = runs.begin(ref.workspaceId(), ref.runId());
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
        // Heartbeats come from a timer, not from the pull: a slow provider call (retries, a
        // Retry-After) must not look like a dead worker. Only a dead process stops them.
        ScheduledFuture<?> beating = HEARTBEATS.scheduleWithFixedDelay(() -> beatQuietly(running),
                settings.heartbeatEvery().toMillis(), settings.heartbeatEvery().toMillis(), TimeUnit.MILLISECONDS);
        try {
            result = pullEverything(running);
        } catch (RuntimeException unexpected) {
            LOG.log(Level.WARNING, "run " + running.id() + " failed unexpectedly: " + unexpected.getClass().getSimpleName());
            result = RunResult.failedOutright(ErrorReason.UNKNOWN, "The run failed unexpectedly ("
                    + unexpected.getClass().getSimpleName() + ")");
        } finally {
            beating.cancel(false);
        }
        try {
            return Optional.of(runs.finish(ref.workspaceId(), ref.runId(), result));
        } catch (ConnectionsException reapedMeanwhile) {
            return runRepository.find(ref.workspaceId(), ref.runId());
        }
    }

    private void beatQuietly(SyncRun run) {
        try {
            runs.heartbeat(run.workspaceId(), run.id());
        } catch (RuntimeException e) {
            // finished or reaped meanwhile, or the database is briefly away: the lease decides
        }
    }

    private RunResult pullEverything(SyncRun run) {
        Connection connection = store.connections.find(run.workspaceId(), run.connectionId())
                .orElseThrow(ConnectionStore::notFound);
        Connector connector = store.connectorOf(connection);
        List<String> streams = puller.streams(connector.type());
        if (streams.isEmpty()) {
            return RunResult.failedOutright(ErrorReason.CONFIG, connector.name() + " has no puller yet");
        }
        Optional<Credentials> stored = vault.load(run.workspaceId(), run.connectionId());
        if (stored.isEmpty() && connector.authMethod() != AuthMethod.HANDLE) {
            return RunResult.failedOutright(ErrorReason.AUTH, "No credentials are stored for this connection");
        }
        Credentials credentials = stored.orElseGet(() -> trackedAccount(connection));
        if (credentials != null && connector.authMethod() == AuthMethod.OAUTH_REDIRECT) {
            try {
                credentials = refreshIfExpiring(connection, credentials);
            } catch (ConnectionsException refusal) {
                return RunResult.failedOutright(refusal.code() == ErrorCode.INVALID_CREDENTIALS ? ErrorReason.AUTH
                        : ErrorReason.TRANSIENT, refusal.getMessage());
            }
        }
        Heartbeat heartbeat = new Heartbeat(run);
        List<StreamOutcome> outcomes = new ArrayList<>();
        boolean authFailed = false;
        for (String stream : streams) {
            if (authFailed) {
                outcomes.add(StreamOutcome.failed(stream, 0, ErrorReason.AUTH, "not attempted after an auth failure"));
                continue;
            }
            StreamOutcome outcome = pullStream(run, connector, stream, credentials, heartbeat);
            outcomes.add(outcome);
            authFailed = outcome.failure() == ErrorReason.AUTH;
        }
        return RunResult.of(outcomes);
    }

    private StreamOutcome pullStream(SyncRun run, Connector connector, String stream, Credentials credentials,
            Heartbeat heartbeat) {
        if (heartbeat.pastDeadline()) {
            return StreamOutcome.failed(stream, 0, ErrorReason.TRANSIENT, "the run timed out");
        }
        String cursor = cursors.get(run.workspaceId(), run.connectionId(), stream).orElse(null);
        try {
            PullResult result = puller.pull(new PullRequest(run.workspaceId(), run.connectionId(), connector.type(),
                    stream, credentials, cursor, heartbeat), sink);
            if (!result.outcome().isFailure() && result.nextCursor() != null) {
                cursors.put(run.workspaceId(), run.connectionId(), stream, result.nextCursor());
            }
            return result.outcome();
        } catch (RunTimedOut timedOut) {
            return StreamOutcome.failed(stream, 0, ErrorReason.TRANSIENT, "the run timed out");
        } catch (RuntimeException unexpected) {
            return StreamOutcome.failed(stream, 0, ErrorReason.UNKNOWN,
                    "unexpected " + unexpected.getClass().getSimpleName());
        }
    }

    /** A handle connection stores no secret: its streams get the tracked account (X user id, LinkedIn organization). */
    private static Credentials trackedAccount(Connection connection) {
        var social = connection.profile().social();
        return social == null ? null : Credentials.trackedAccount(social.externalAccountId(), social.handle());
    }

    /**
     * Refreshes an access token that expires soon. A rejection marks the connection needs_reauth
     * and writes credentials_rejected; then the run fails with {@code auth}.
     */
    private Credentials refreshIfExpiring(Connection connection, Credentials credentials) {
        Instant now = store.now();
        boolean expiring = credentials.expiresAt().map(at -> !at.isAfter(now.plus(settings.refreshAhead()))).orElse(false);
        if (!expiring || credentials.get(Credentials.REFRESH_TOKEN).isEmpty()) {
            return credentials;
        }
        Credentials fresh;
        try {
            fresh = refresher.refresh(connection.connectorType(), credentials);
        } catch (ConnectionsException refusal) {
            if (refusal.code() == ErrorCode.INVALID_CREDENTIALS) {
                store.transact(() -> {
                    Connection current = store.connections.find(connection.workspaceId(), connection.id())
                            .orElseThrow(ConnectionStore::notFound);
                    store.save(current, current.rejectCredentials(refusal.getMessage()),
                            ConnectionEventType.CREDENTIALS_REJECTED, null, Map.of("connector_type", connection.connectorType()));
                    return null;
                });
            }
            throw refusal;
        }
        store.transact(() -> {
            vault.store(connection.workspaceId(), connection.id(), fresh);
            store.append(connection, ConnectionEventType.CREDENTIALS_REFRESHED, null,
                    fresh.expiresAt().<Map<String, Object>>map(at -> Map.of("expires_at", at.toString())).orElse(Map.of()),
                    store.now());
            return null;
        });
        return fresh;
    }

    /** Thrown from a puller's heartbeat when the run has used up its time; the stream fails transient. */
    static final class RunTimedOut extends RuntimeException {
        RunTimedOut() {
            super("the run timed out", null, false, false);
        }
    }

    /** Heartbeats at most once per interval and stops a run that outlived its timeout. */
    private final class Heartbeat implements Runnable {
        private final SyncRun run;
        private final Instant deadline;
        private Instant lastBeat;

        Heartbeat(SyncRun run) {
            this.run = run;
            this.lastBeat = store.now();
            this.deadline = run.startedAt().plus(settings.runTimeout());
        }

        boolean pastDeadline() {
            return !store.now().isBefore(deadline);
        }

        @Override
        public void run() {
            Instant now = store.now();
            if (!now.isBefore(deadline)) {
                throw new RunTimedOut();
            }
            if (Duration.between(lastBeat, now).compareTo(settings.heartbeatEvery()) >= 0) {
                try {
                    runs.heartbeat(run.workspaceId(), run.id());
                } catch (ConnectionsException leaseLost) {
                    throw new RunTimedOut(); // reaped meanwhile: stop pulling
                }
                lastBeat = now;
            }
        }
    }
}
