package com.amdahl.connections.domain.sync;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;

/**
 * One sync run of a connection. Immutable: each step returns the next version. {@code startedAt}
 * is the time the row was created (dispatch, or refusal for a skipped_locked run).
 */
public record SyncRun(
        RunId id,
        ConnectionId connectionId,
        WorkspaceId workspaceId,
        SyncRunStatus status,
        TriggeredBy triggeredBy,
        Instant startedAt,
        Instant finishedAt,
        Instant heartbeatAt,
        int streamsTotal,
        int streamsFailed,
        RecordCounts records,
        ErrorReason errorReason,
        String errorMessage) {

    public SyncRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(triggeredBy, "triggeredBy");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(records, "records");
        if (status.inFlight() != (finishedAt == null)) {
            throw new IllegalArgumentException("a run has a finish time exactly when it is terminal");
        }
        if ((status == SyncRunStatus.FAILED) != (errorReason != null)) {
            throw new IllegalArgumentException("a run has an error reason exactly when it failed");
        }
    }

    public static SyncRun pending(RunId id, ConnectionId connectionId, WorkspaceId workspaceId,
            TriggeredBy triggeredBy, Instant now) {
        return new SyncRun(id, connectionId, workspaceId, SyncRunStatus.PENDING, triggeredBy, now, null, null,
                0, 0, RecordCounts.NONE, null, null);
    }

    public static SyncRun skippedLocked(RunId id, ConnectionId connectionId, WorkspaceId workspaceId,
            TriggeredBy triggeredBy, Instant now) {
        return new SyncRun(id, connectionId, workspaceId, SyncRunStatus.SKIPPED_LOCKED, triggeredBy, now, now, null,
                0, 0, RecordCounts.NONE, null, "Another run of this connection was in flight");
    }

    public SyncRun begin(Instant now) {
        requireStatus(SyncRunStatus.PENDING);
        return new SyncRun(id, connectionId, workspaceId, SyncRunStatus.RUNNING, triggeredBy, startedAt, null, now,
                0, 0, RecordCounts.NONE, null, null);
    }

    /** Proof of life from the worker; a running run whose heartbeat is older than its lease is reaped. */
    public SyncRun heartbeat(Instant now) {
        requireStatus(SyncRunStatus.RUNNING);
        return new SyncRun(id, connectionId, workspaceId, status, triggeredBy, startedAt, null, now,
                streamsTotal, streamsFailed, records, null, null);
    }

    public SyncRun finish(RunResult result, Instant now) {
        if (!status.inFlight()) {
            throw new ConnectionsException(ErrorCode.INVALID_TRANSITION, "The run has already finished");
        }
        return new SyncRun(id, connectionId, workspaceId,
                result.failed() ? SyncRunStatus.FAILED : SyncRunStatus.COMPLETED, triggeredBy, startedAt, now,
                heartbeatAt, result.streamsTotal(), result.streamsFailed(), result.records(),
                result.errorReason(), result.errorMessage());
    }

    /** {@code records_written}: the rows the run actually wrote (added + updated + deleted). */
    public long recordsWritten() {
        return records.written();
    }

    private void requireStatus(SyncRunStatus expected) {
        if (status != expected) {
            throw new ConnectionsException(ErrorCode.INVALID_TRANSITION,
                    "The run is " + status.wire() + ", not " + expected.wire());
        }
    }
}
