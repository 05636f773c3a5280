package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.application.port.out.StreamPuller.ListingWindow;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import java.util.Optional;

/**
 * One stream of a connector. Most are a declared {@link StreamSpec} run by the shared engine; a
 * connector whose API is odd implements this by hand, using {@link StreamRun} for requests
 * (auth, 429 and 5xx retries, its error dialect), the run's liveness, the sink and the stored cursor.
 */
public interface Stream {
    String name();

    /** Pulls the stream once; failures are classified into the result, never thrown. */
    PullResult pull(StreamRun run);

    /**
     * Whether a pass from no cursor lists every live object of the stream, so that what it did not
     * list may be reconciled as deleted. A windowed listing (the last 90 days) says false.
     */
    default boolean listsEverything() {
        return true;
    }

    /**
     * For a stream that lists a window at the newest end of an order rather than everything, that
     * order: only the records a pass's listing spans are reconciled ({@link NewestWindow}).
     */
    default Optional<ListingWindow> listingWindow() {
        return Optional.empty();
    }
}
