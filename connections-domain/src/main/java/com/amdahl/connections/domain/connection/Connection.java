package com.amdahl.connections.domain.connection;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.RunOutcome;
import com.amdahl.connections.domain.sync.RunResult;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.sync.TriggeredBy;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The connection aggregate and its state machine (CONTRACT section 6). Immutable: every
 * transition returns the next version, or throws a {@link ConnectionsException} with a stable
 * code when the move is illegal. It also owns the connection's run lock: at most one run is in
 * flight (pending or running) at a time.
 */
public final class Connection {
    private final ConnectionId id;
    private final WorkspaceId workspaceId;
    private final String connectorType;
    private final Instant createdAt;
    private final UserId connectedByUserId;
    private final Profile profile;
    private final Lifecycle lifecycle;
    private final SyncFacts sync;
    private final long version;

    private Connection(ConnectionId id, WorkspaceId workspaceId, String connectorType, Instant createdAt,
            UserId connectedByUserId, Profile profile, Lifecycle lifecycle, SyncFacts sync, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.connectorType = Objects.requireNonNull(connectorType, "connectorType");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.connectedByUserId = connectedByUserId;
        this.profile = Objects.requireNonNull(profile, "profile");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.version = version;
        if (lifecycle.status() == ConnectionStatus.SYNCING && !sync.isSyncing()) {
            throw new IllegalStateException("status syncing needs a running run");
        }
    }

    /**
     * A new connection of a connector. OAuth connections start {@code pending} until the callback
     * lands; every other method has verified what it needed and starts {@code connected}.
     */
    public static Connection open(ConnectionId id, WorkspaceId workspaceId, Connector connector, Profile profile,
            UserId connectedBy, Instant now) {
        Lifecycle lifecycle = connector.authMethod() == AuthMethod.OAUTH_REDIRECT
                ? new Lifecycle(ConnectionStatus.PENDING, now, false, null, null, false)
                : new Lifecycle(ConnectionStatus.CONNECTED, now, false, null, now, true);
        return new Connection(id, workspaceId, connector.type(), now, connectedBy, profile, lifecycle, SyncFacts.NONE, 0);
    }

    /** Rebuilds a connection loaded from storage. */
    public static Connection restore(ConnectionId id, WorkspaceId workspaceId, String connectorType, Instant createdAt,
            UserId connectedByUserId, Profile profile, Lifecycle lifecycle, SyncFacts sync, long version) {
        return new Connection(id, workspaceId, connectorType, createdAt, connectedByUserId, profile, lifecycle, sync,
                version);
    }

    // ---- authorization ---------------------------------------------------------------------

    /** The OAuth callback landed: the connection is connected as {@code account}. */
    public Connection completeAuthorization(AccountIdentity account, UserId by, Instant now) {
        requireStatus(ConnectionStatus.PENDING, "authorization can only complete on a pending connection");
        return next(by, profile.withAccount(account), lifecycle.connected(now), sync.freshlyConnected());
    }

    /** The OAuth callback failed: the connection is in error until it is reconnected. */
    public Connection failAuthorization(String message, Instant now) {
        requireStatus(ConnectionStatus.PENDING, "authorization can only fail on a pending connection");
        return next(connectedByUserId, profile, lifecycle.moveTo(ConnectionStatus.ERROR, now).withLastError(message), sync);
    }

    /** Whether reconnect may restore this connection: not demo data, and it is in error, needs re-authorization, is disconnected, or an OAuth attempt never completed. */
    public boolean isReconnectable() {
        if (profile.sample()) {
            return false; // demo data: new credentials would not make it sync
        }
        return lifecycle.needsReauth() || switch (lifecycle.status()) {
            case ERROR, DISCONNECTED, PENDING -> true;
            case CONNECTED, SYNCING, PAUSED -> false;
        };
    }

    /** An OAuth reconnect started: pending on the same row until the callback lands. */
    public Connection beginReauthorization(UserId by, Instant now) {
        requireReconnectable();
        return next(by, profile, lifecycle.moveTo(ConnectionStatus.PENDING, now), sync);
    }

    /** Reconnected with fresh credentials (a new API key, a re-resolved handle): connected again. */
    public Connection reconnect(UserId by, AccountIdentity account, Instant now) {
        requireReconnectable();
        Profile refreshed = account == null ? profile : profile.withAccount(account);
        return next(by, refreshed, lifecycle.connected(now), sync.freshlyConnected());
    }

    /** Credentials were rejected outside a run (a refused token refresh): a person must re-authorize. */
    public Connection rejectCredentials(String message) {
        requireNotDisconnected();
        return next(connectedByUserId, profile, lifecycle.withNeedsReauth(true).withLastError(message), sync);
    }

    /**
     * A credential test the provider refused: a person must re-authorize. An OAuth connection
     * keeps its status (as after a refused refresh); any other moves to {@code error}, like a run
     * that failed with {@code auth}, unless it is paused. Nothing changes on a disconnected one.
     */
    public Connection failCredentialTest(boolean keepStatus, String message, Instant now) {
        requireNotDisconnected();
        Lifecycle after = lifecycle.withNeedsReauth(true).withLastError(message);
        if (!keepStatus && lifecycle.status() != ConnectionStatus.PAUSED && lifecycle.status() != ConnectionStatus.PENDING) {
            after = after.moveTo(ConnectionStatus.ERROR, now);
        }
        return next(connectedByUserId, profile, after, sync);
    }

    /**
     * A credential test the provider accepted: an authorization problem is cleared. A last run
     * that failed with {@code auth} stops counting against health (its credentials are now known
     * good), and an {@code error} status that came from it returns to {@code connected}. Any other
     * failure (a rate limit, a provider outage) stays until a run settles it.
     */
    public Connection passCredentialTest(Instant now) {
        RunOutcome last = sync.lastOutcome();
        boolean lastRunAuthFailed = last != null && last.failed() && last.errorReason() == ErrorReason.AUTH;
        boolean lastRunOtherwiseFailed = last != null && last.failed() && !lastRunAuthFailed;
        if (!lifecycle.needsReauth() && !lastRunAuthFailed) {
            return this;
        }
        Lifecycle after = lifecycle.withNeedsReauth(false);
        SyncFacts facts = sync;
        if (!lastRunOtherwiseFailed) {
            after = after.withLastError(null);
            if (after.status() == ConnectionStatus.ERROR && after.connectedAt() != null) {
                after = after.moveTo(ConnectionStatus.CONNECTED, now);
            }
        }
        if (lastRunAuthFailed) {
            facts = new SyncFacts(sync.activeRun(), sync.lastSyncedAt(), null, sync.lastDispatchedAt());
        }
        return next(connectedByUserId, profile, after, facts);
    }

    // ---- management -----------------------------------------------------------------------

    /** Disconnects; idempotent. The row and its history stay for a later reconnect. */
    public Connection disconnect(Instant now) {
        if (isDisconnected()) {
            return this;
        }
        return next(connectedByUserId, profile,
                lifecycle.moveTo(ConnectionStatus.DISCONNECTED, now).withFirstSyncPending(false), sync);
    }

    public Connection rename(String name) {
        requireNotDisconnected();
        return next(connectedByUserId, profile.withName(name), lifecycle, sync);
    }

    /** Re-attributes a personal connection; {@code owner} may be null to clear it. Membership is checked by the caller. */
    public Connection reassignOwner(Connector connector, UserId owner) {
        requireNotDisconnected();
        if (!connector.isPersonal()) {
            throw new ConnectionsException(ErrorCode.OWNER_NOT_APPLICABLE,
                    "Only personal connections have an owner");
        }
        return next(connectedByUserId, profile.withOwner(owner), lifecycle, sync);
    }

    /** Pauses syncing; idempotent. A run already in flight finishes, but nothing new is dispatched. */
    public Connection pause(Instant now) {
        return switch (lifecycle.status()) {
            case PAUSED -> this;
            case CONNECTED, SYNCING, ERROR -> {
                if (authorizationNeverCompleted()) {
                    throw illegal("Authorization was not completed: there is nothing to pause; connect again or remove it");
                }
                yield next(connectedByUserId, profile, lifecycle.moveTo(ConnectionStatus.PAUSED, now), sync);
            }
            case PENDING, DISCONNECTED -> throw illegal("A " + lifecycle.status().wire() + " connection cannot be paused");
        };
    }

    /** Resumes a paused connection; idempotent for an active one. */
    public Connection resume(Instant now) {
        return switch (lifecycle.status()) {
            case PAUSED -> next(connectedByUserId, profile, lifecycle.moveTo(statusAfterResume(), now), sync);
            case CONNECTED, SYNCING, ERROR -> this;
            case PENDING, DISCONNECTED -> throw illegal("A " + lifecycle.status().wire() + " connection cannot be resumed");
        };
    }

    private ConnectionStatus statusAfterResume() {
        if (sync.isSyncing() && lifecycle.firstSyncPending()) {
            return ConnectionStatus.SYNCING;
        }
        boolean lastRunFailed = sync.lastOutcome() != null && sync.lastOutcome().failed();
        return lastRunFailed || lifecycle.lastError() != null ? ConnectionStatus.ERROR : ConnectionStatus.CONNECTED;
    }

    // ---- runs -----------------------------------------------------------------------------

    /** Its first authorization failed (denied, expired): it was never connected, so only connecting again or removing it make sense. */
    public boolean authorizationNeverCompleted() {
        return lifecycle.status() == ConnectionStatus.ERROR && lifecycle.connectedAt() == null;
    }

    /**
     * Whether runs may be dispatched now: connected, or in error after having been connected (a
     * retry is the point). An OAuth attempt that failed before ever connecting has nothing to sync.
     */
    public boolean acceptsRuns() {
        return switch (lifecycle.status()) {
            case CONNECTED -> true;
            case ERROR -> !authorizationNeverCompleted();
            case SYNCING, PENDING, PAUSED, DISCONNECTED -> false;
        };
    }

    /**
     * Dispatches a run. When another run is in flight the new run is recorded as
     * {@code skipped_locked} and the connection is unchanged.
     */
    public RunStep dispatchRun(RunId runId, TriggeredBy trigger, Instant now) {
        if (profile.sample()) {
            throw new ConnectionsException(ErrorCode.CONNECTION_NOT_SYNCABLE, "This is a demo connection: sample data"
                    + " that never calls the provider, so it does not sync. Connect a real account to sync.");
        }
        if (sync.hasRunInFlight()) {
            return new RunStep(this, SyncRun.skippedLocked(runId, id, workspaceId, trigger, now));
        }
        if (!acceptsRuns()) {
            throw new ConnectionsException(ErrorCode.CONNECTION_NOT_SYNCABLE,
                    "A " + lifecycle.status().wire() + " connection cannot sync");
        }
        SyncRun run = SyncRun.pending(runId, id, workspaceId, trigger, now);
        return new RunStep(next(connectedByUserId, profile, lifecycle, sync.dispatched(new ActiveRun(runId, false, now))),
                run);
    }

    /**
     * Whether the scheduler should dispatch a run now: it is not demo data, it accepts runs, none is in flight, its
     * credentials are not known to be broken (a person must act), and either its first sync after
     * connecting is pending or its last run was dispatched at least one cadence ago.
     */
    public boolean isDue(Instant now, Duration cadence) {
        if (profile.sample() || !acceptsRuns() || sync.hasRunInFlight() || lifecycle.needsReauth()) {
            return false;
        }
        if (sync.lastOutcome() != null && sync.lastOutcome().heldAt(now)) {
            return false; // the provider's rate limit resets later: no retry storm before it
        }
        Instant last = sync.lastDispatchedAt();
        return lifecycle.firstSyncPending() || last == null || !last.plus(cadence).isAfter(now);
    }

    /** The trigger the next dispatched run should carry when the scheduler starts it. */
    public TriggeredBy scheduledTrigger() {
        return lifecycle.firstSyncPending() ? TriggeredBy.CONNECT : TriggeredBy.SCHEDULE;
    }

    /**
     * A worker picked the dispatched run up. The first run after the connection became connected
     * moves it to {@code syncing}. If the connection was paused or disconnected meanwhile, the run
     * is failed at once with {@code config} and nothing else changes.
     */
    public RunStep beginRun(SyncRun run, Instant now) {
        requireActive(run, false);
        if (lifecycle.status() == ConnectionStatus.PAUSED || lifecycle.status() == ConnectionStatus.DISCONNECTED) {
            SyncRun cancelled = run.finish(RunResult.failedOutright(ErrorReason.CONFIG,
                    "The connection was " + lifecycle.status().wire() + " before the run started"), now);
            return new RunStep(next(connectedByUserId, profile, lifecycle, sync.withActiveRun(null)), cancelled);
        }
        Lifecycle started = lifecycle;
        if (lifecycle.firstSyncPending() && lifecycle.status() == ConnectionStatus.CONNECTED) {
            started = lifecycle.moveTo(ConnectionStatus.SYNCING, now);
        }
        return new RunStep(next(connectedByUserId, profile, started,
                sync.withActiveRun(new ActiveRun(run.id(), true, sync.activeRun().startedAt()))), run.begin(now));
    }

    /**
     * The run ended. Completed: last synced now, back to connected. Failed: error with its
     * message, and an {@code auth} failure also needs re-authorization. A paused or disconnected
     * connection keeps its status; only the run facts are recorded.
     */
    public RunStep finishRun(SyncRun run, RunResult result, Instant now) {
        requireActive(run, true);
        return settle(run.finish(result, now), now, result.retryNotBefore());
    }

    /**
     * A run whose worker stopped heartbeating: failed as {@code transient}, the lock released, and
     * the connection due again at once (the lost worker synced nothing); a lost first sync stays
     * the first sync.
     */
    public RunStep reapLostRun(SyncRun run, Instant now) {
        if (sync.activeRun() == null || !sync.activeRun().runId().equals(run.id())) {
            throw illegal("The run does not hold this connection's lock");
        }
        RunStep settled = settle(run.finish(RunResult.failedOutright(ErrorReason.TRANSIENT, "worker lost"), now), now, null);
        Connection c = settled.connection();
        SyncFacts retryNow = new SyncFacts(null, c.sync.lastSyncedAt(), c.sync.lastOutcome(), null);
        return new RunStep(c.next(c.connectedByUserId, c.profile,
                c.lifecycle.withFirstSyncPending(lifecycle.firstSyncPending()), retryNow), settled.run());
    }

    private RunStep settle(SyncRun finished, Instant now, Instant notBefore) {
        RunOutcome outcome = RunOutcome.of(finished, notBefore);
        SyncFacts facts = new SyncFacts(null, outcome.failed() ? sync.lastSyncedAt() : finished.finishedAt(), outcome,
                sync.lastDispatchedAt());
        Lifecycle after = lifecycle.withFirstSyncPending(false);
        boolean frozen = after.status() == ConnectionStatus.PAUSED || after.status() == ConnectionStatus.DISCONNECTED;
        if (outcome.failed()) {
            after = after.withLastError(finished.errorMessage() == null ? outcome.errorReason().wire()
                    : finished.errorMessage());
            if (outcome.errorReason() == ErrorReason.AUTH) {
                after = after.withNeedsReauth(true);
            }
            if (!frozen) {
                after = after.moveTo(ConnectionStatus.ERROR, now);
            }
        } else {
            // A completed run clears the error, unless it held deletes back: then last_error says why, in words.
            after = after.withLastError(outcome.deletesHeld() > 0 ? finished.errorMessage() : null).withNeedsReauth(false);
            if (!frozen) {
                after = after.moveTo(ConnectionStatus.CONNECTED, now);
            }
        }
        return new RunStep(next(connectedByUserId, profile, after, facts), finished);
    }

    /**
     * A signed webhook delivery arrived: data flowed, so the connection counts as synced now. Only
     * a connection that accepts runs takes deliveries; a paused or disconnected one refuses them.
     */
    public Connection recordDelivery(Instant now) {
        if (!acceptsRuns()) {
            throw new ConnectionsException(ErrorCode.CONNECTION_NOT_SYNCABLE,
                    "A " + lifecycle.status().wire() + " connection does not accept deliveries");
        }
        return next(connectedByUserId, profile, lifecycle,
                new SyncFacts(sync.activeRun(), now, sync.lastOutcome(), sync.lastDispatchedAt()));
    }

    // ---- reads ----------------------------------------------------------------------------

    public ConnectionId id() {
        return id;
    }

    public WorkspaceId workspaceId() {
        return workspaceId;
    }

    public String connectorType() {
        return connectorType;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public UserId connectedByUserId() {
        return connectedByUserId;
    }

    public Profile profile() {
        return profile;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public SyncFacts sync() {
        return sync;
    }

    public ConnectionStatus status() {
        return lifecycle.status();
    }

    public boolean isSyncing() {
        return sync.isSyncing();
    }

    public boolean isDisconnected() {
        return lifecycle.status() == ConnectionStatus.DISCONNECTED;
    }

    /** Optimistic-lock version: storage refuses an update whose version is not the stored one. */
    public long version() {
        return version;
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", " + connectorType + ", " + lifecycle.status().wire() + "]";
    }

    // ---- internals ------------------------------------------------------------------------

    private Connection next(UserId by, Profile nextProfile, Lifecycle nextLifecycle, SyncFacts nextSync) {
        return new Connection(id, workspaceId, connectorType, createdAt, by, nextProfile, nextLifecycle, nextSync,
                version);
    }

    private void requireStatus(ConnectionStatus expected, String message) {
        if (lifecycle.status() != expected) {
            throw illegal(message);
        }
    }

    private void requireNotDisconnected() {
        if (isDisconnected()) {
            throw illegal("The connection is disconnected; reconnect it first");
        }
    }

    private void requireReconnectable() {
        if (isReconnectable()) {
            return;
        }
        if (profile.sample()) {
            throw illegal("This is a demo connection: sample data that never calls the provider. Connect a real account instead");
        }
        if (lifecycle.status() == ConnectionStatus.PAUSED) {
            throw illegal("The connection is paused, not broken; resume it instead");
        }
        throw new ConnectionsException(ErrorCode.CONNECTION_HEALTHY,
                "The connection is healthy; disconnect it first to re-authorize or replace its credentials");
    }

    private void requireActive(SyncRun run, boolean running) {
        ActiveRun active = sync.activeRun();
        if (active == null || !active.runId().equals(run.id()) || active.running() != running
                || run.status() != (running ? SyncRunStatus.RUNNING : SyncRunStatus.PENDING)) {
            throw illegal("The run does not hold this connection's lock in the expected state");
        }
    }

    private static ConnectionsException illegal(String message) {
        return new ConnectionsException(ErrorCode.INVALID_TRANSITION, message);
    }
}
