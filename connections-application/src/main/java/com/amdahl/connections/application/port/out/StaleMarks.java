package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;

/**
 * Which connections were announced {@code stale}. Staleness comes with the passage of time and no
 * write, so a periodic sweep finds connections that turned stale and marks them as it notifies;
 * the write that ends the staleness removes the mark.
 */
public interface StaleMarks {
    boolean isMarked(WorkspaceId workspaceId, ConnectionId connectionId);

    /** Marks the connection; nothing happens when it is already marked. */
    void mark(WorkspaceId workspaceId, ConnectionId connectionId, Instant at);

    void unmark(WorkspaceId workspaceId, ConnectionId connectionId);

    /** A connection the sweep should look at. */
    record Candidate(WorkspaceId workspaceId, ConnectionId connectionId) {
    }

    /**
     * Connected connections without a mark, not running, whose last run did not fail or degrade,
     * and whose last successful sync (or, never synced, the time they connected) is before
     * {@code cutoff}: the ones that may have turned stale.
     */
    List<Candidate> unmarkedStaleCandidates(Instant cutoff, int limit);
}
