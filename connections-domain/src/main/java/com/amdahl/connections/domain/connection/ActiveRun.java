package com.amdahl.connections.domain.connection;

import com.amdahl.connections.domain.sync.RunId;
import java.time.Instant;
import java.util.Objects;

/** The run that holds a connection's lock: dispatched (pending) or running. */
public record ActiveRun(RunId runId, boolean running, Instant startedAt) {
    public ActiveRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
