package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.sync.SyncRun;
import java.util.Objects;

/** A connection together with its most recent run ({@code lastRun} null when it never ran). */
public record ConnectionSnapshot(Connection connection, SyncRun lastRun) {
    public ConnectionSnapshot {
        Objects.requireNonNull(connection, "connection");
    }
}
