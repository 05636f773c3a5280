package com.amdahl.connections.application.testing;

import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.RecordSink.SyncedRecord;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.StreamOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scripted puller: every connector type except those in {@link #unsupported} has two streams,
 * {@code alpha} and {@code beta}, each writing {@link #recordsPerStream} records; a stream listed
 * in {@link #failures} fails with that reason. Remembers the credentials and cursors it saw.
 */
public final class FakePuller implements StreamPuller {
    public final Set<String> unsupported = ConcurrentHashMap.newKeySet();
    public final Map<String, ErrorReason> failures = new ConcurrentHashMap<>();
    public final List<PullRequest> requests = new ArrayList<>();
    public volatile int recordsPerStream = 3;
    /** Runs inside every pull before the records are written (a test's hook to block, tick the clock). */
    public volatile Runnable duringPull = () -> { };
    /** Sees every pull's request first (a test's hook to tell pulls apart). */
    public volatile java.util.function.Consumer<PullRequest> onPull = request -> { };

    public FakePuller() {
        unsupported.add("twitter");
        unsupported.add("linkedin");
    }

    @Override
    public List<String> streams(String connectorType) {
        return unsupported.contains(connectorType) ? List.of() : List.of("alpha", "beta");
    }

    @Override
    public PullResult pull(PullRequest request, RecordSink sink) {
        synchronized (requests) {
            requests.add(request);
        }
        onPull.accept(request);
        duringPull.run();
        request.liveness().check();
        ErrorReason failure = failures.get(request.stream());
        if (failure != null) {
            return new PullResult(StreamOutcome.failed(request.stream(), 0, failure, "scripted " + failure.wire()), null);
        }
        List<SyncedRecord> page = new ArrayList<>();
        for (int i = 0; i < recordsPerStream; i++) {
            page.add(new SyncedRecord(request.stream() + "-" + i, "{\"n\":" + i + "}"));
        }
        long written = sink.write(request.workspaceId(), request.connectionId(), request.stream(), page).written();
        return new PullResult(StreamOutcome.succeeded(request.stream(), written), "cursor-" + recordsPerStream);
    }
}
