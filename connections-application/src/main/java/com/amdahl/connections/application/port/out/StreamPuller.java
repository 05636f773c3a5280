package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.sync.StreamOutcome;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import com.amdahl.connections.domain.budget.RateLimit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Pulls one stream of one connection from its provider, page by page, handing records to a
 * {@link RecordSink}. Provider failures are classified into an error reason, never thrown.
 */
public interface StreamPuller {

    /** The streams this puller syncs for a connector type; empty when it has no puller for the type. */
    List<String> streams(String connectorType);

    /**
     * Whether a pass of the stream from no cursor lists every live object of it, so records it did
     * not list may be reconciled as deleted. False (the default) for a windowed listing (the last
     * 90 days, say), and for any puller that does not say.
     */
    default boolean listsEverything(String connectorType, String stream) {
        return false;
    }

    /**
     * For a stream that does not list everything but a window at its newest end (the newest 3,200
     * posts, issues created in the last 90 days): the order that bounds the window. A pass from no
     * cursor then lists every live object whose key is at least the least key it listed, so only
     * records in that range may be reconciled; empty (the default) for any other stream.
     */
    default Optional<ListingWindow> listingWindow(String connectorType, String stream) {
        return Optional.empty();
    }

    /** A windowed listing's order: a record's key read from its payload (empty: unknown, so never in the window). */
    @FunctionalInterface
    interface ListingWindow {
        java.util.OptionalLong keyOf(String payloadJson);
    }

    /**
     * The request limit the connector's provider declares per account, which sizes the account's
     * shared budget; empty when the provider declares none (the budget then only keeps what the
     * provider says live: {@code Retry-After}, a remaining count at zero).
     */
    default Optional<RateLimit> rateLimit(String connectorType) {
        return Optional.empty();
    }

    /** Pulls one stream; {@code cursor} is where the last successful pull of the stream stopped (null: from the start). */
    PullResult pull(PullRequest request, RecordSink sink);

    /**
     * What to pull, with what credentials, whether the run may go on ({@link Liveness#check()}), and
     * where to run a stream's children at once: {@code children} runs on the library's threads (from
     * the embedder's thread factory, ended by {@code app.close()}); a puller starts none of its own.
     * Every request to the provider waits for {@code budget} first (the account's shared budget).
     */
    record PullRequest(WorkspaceId workspaceId, ConnectionId connectionId, String connectorType, String stream,
            Credentials credentials, String cursor, Liveness liveness, Executor children, RequestBudget budget) {

        /** A request that spends no shared budget (tests, tools). */
        public PullRequest(WorkspaceId workspaceId, ConnectionId connectionId, String connectorType, String stream,
                Credentials credentials, String cursor, Liveness liveness, Executor children) {
            this(workspaceId, connectionId, connectorType, stream, credentials, cursor, liveness, children,
                    RequestBudget.UNLIMITED);
        }

        /** A request whose children run one after another on the calling thread (tests, tools). */
        public PullRequest(WorkspaceId workspaceId, ConnectionId connectionId, String connectorType, String stream,
                Credentials credentials, String cursor, Liveness liveness) {
            this(workspaceId, connectionId, connectorType, stream, credentials, cursor, liveness, Runnable::run);
        }

        @Override
        public String toString() {
            return "PullRequest[" + connectorType + "/" + stream + ", connection=" + connectionId + "]";
        }
    }

    /** The stream's outcome and, when it succeeded, the cursor to resume from next time. */
    record PullResult(StreamOutcome outcome, String nextCursor) {
    }
}
