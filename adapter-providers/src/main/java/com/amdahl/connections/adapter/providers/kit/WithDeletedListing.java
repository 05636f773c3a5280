package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.amdahl.connections.domain.sync.StreamOutcome;
import java.util.Objects;

/**
 * A stream whose provider lists its deleted objects apart from the live ones (HubSpot's
 * {@code archived=true}, Pipedrive's {@code status=deleted}): the stream's own pass, then, when it
 * succeeded, the listing of deleted objects, each handed to the sink as a delete (never written).
 * The deleted listing is read whole every pass and never moves the cursor: the cursor is the live
 * pass's. If either fails, the stream fails (what was written or deleted before stays).
 */
public record WithDeletedListing(StreamSpec live, StreamSpec deleted) implements Stream {

    public WithDeletedListing {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(deleted, "deleted");
        if (deleted.deleted() == null || deleted.incremental() != null || !deleted.name().equals(live.name())) {
            throw new IllegalArgumentException("the deleted listing is a full listing of deletes of the same stream");
        }
    }

    @Override
    public String name() {
        return live.name();
    }

    @Override
    public PullResult pull(StreamRun run) {
        PullResult pass = live.pull(run);
        if (pass.outcome().isFailure()) {
            return pass;
        }
        PullResult deletes = deleted.pull(run);
        long written = pass.outcome().recordsWritten() + deletes.outcome().recordsWritten();
        StreamOutcome failed = deletes.outcome();
        return failed.isFailure()
                ? new PullResult(StreamOutcome.failed(name(), written, failed.failure(), failed.failureMessage()), null)
                : run.succeeded(written, pass.nextCursor());
    }

    @Override
    public boolean listsEverything() {
        return live.listsEverything();
    }
}
