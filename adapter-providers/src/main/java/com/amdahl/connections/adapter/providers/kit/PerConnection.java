package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.amdahl.connections.application.port.out.StreamPuller.ListingWindow;
import java.util.Optional;
import java.util.function.Function;

/**
 * A stream whose definition depends on the connection (a tracked account's id in the path, a
 * platform credential read from the settings): {@code build} makes the stream for each pull.
 */
public record PerConnection(String name, boolean listsEverything, ListingWindow window, Function<StreamRun, Stream> build)
        implements Stream {
    /** A stream whose pass from no cursor lists everything. */
    public PerConnection(String name, Function<StreamRun, Stream> build) {
        this(name, true, null, build);
    }

    /** A stream whose pass from no cursor lists a window at the newest end of {@code window}'s order. */
    public static PerConnection windowed(String name, ListingWindow window, Function<StreamRun, Stream> build) {
        return new PerConnection(name, false, window, build);
    }

    @Override
    public Optional<ListingWindow> listingWindow() {
        return Optional.ofNullable(window);
    }

    @Override
    public PullResult pull(StreamRun run) {
        Stream stream;
        try {
            stream = build.apply(run);
        } catch (MalformedPage missingAccount) {
            return run.malformed(0); // the connection lacks what the stream needs (no tracked account)
        }
        return stream.pull(run);
    }
}
