package com.amdahl.connections.domain.connection;

import com.amdahl.connections.domain.sync.SyncRun;

/** The result of a run transition: the connection and the run as they are now; both are stored together. */
public record RunStep(Connection connection, SyncRun run) {
}
