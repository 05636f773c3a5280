package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Set;

/**
 * What delete detection remembers per stream of a connection (the default store's
 * {@code record_reconciliations} and {@code record_absences}), every query filtered by workspace.
 * Without it (an embedder's own sink) no stream is reconciled.
 */
public interface RecordReconciliations {

    /**
     * Hands each id of the stream's stored records that are not deleted to {@code each}, streamed
     * from the store (never all held at once); answers how many there were.
     */
    long eachLiveId(WorkspaceId workspaceId, ConnectionId connectionId, String stream, Consumer<String> each);

    /** The payloads of those of {@code ids} that are stored live in the stream (at most a few hundred ids per call). */
    Map<String, String> livePayloads(WorkspaceId workspaceId, ConnectionId connectionId, String stream,
            Collection<String> ids);

    /** The stream's reconciliation state; {@link State#NONE} when it has none yet. */
    State state(WorkspaceId workspaceId, ConnectionId connectionId, String stream);

    /**
     * Stores what a complete pass decided (or, {@code missing} empty, when a stream first counts
     * for the cadence): the ids it did not list, the deletes the guard held, and when the full
     * pass happened. Clears the confirmation, which holds for one pass.
     */
    void save(WorkspaceId workspaceId, ConnectionId connectionId, String stream, Set<String> missing, long deletesHeld,
            Instant lastFullPassAt);

    /** An admin confirmed the held deletes: the next complete pass of each such stream applies them. Answers the streams. */
    int confirmHeld(WorkspaceId workspaceId, ConnectionId connectionId);

    /**
     * A stream's state: the ids the last complete pass did not list, whether an admin confirmed
     * the held deletes, and the last full pass (null: none counted yet).
     */
    record State(Set<String> missing, long deletesHeld, boolean confirmed, Instant lastFullPassAt) {
        public static final State NONE = new State(Set.of(), 0, false, null);

        public State {
            missing = Set.copyOf(missing);
        }
    }
}
