package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.connection.ConnectionId;
import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.List;

/**
 * Pulls one stream of one connection from its provider, page by page, handing records to a
 * {@link RecordSink}. Provider failures are classified into an error reason, never thrown.
 */
public interface StreamPuller {

    /** The streams this puller syncs for a connector type; empty when it has no puller for the type. */
    List<String> streams(String connectorType);

    /** Pulls one stream; {@code cursor} is where the last successful pull of the stream stopped (null: from the start). */
    PullResult pull(PullRequest request, RecordSink sink);

    /** What to pull, with what credentials, and whether the run may go on ({@link Liveness#check()}). */
    record PullRequest(WorkspaceId workspaceId, ConnectionId connectionId, String connectorType, String stream,
            Credentials credentials, String cursor, Liveness liveness) {
        @Override
        public String toString() {
            return "PullRequest[" + connectorType + "/" + stream + ", connection=" + connectionId + "]";
        }
    }

    /** The stream's outcome and, when it succeeded, the cursor to resume from next time. */
    record PullResult(StreamOutcome outcome, String nextCursor) {
    }
}
