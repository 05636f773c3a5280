package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.sync.SyncRun;
import java.util.Objects;

/**
 * A connection together with its most recent run ({@code lastRun} null when it never ran) and the
 * facts about its stored credentials ({@link CredentialFacts#NONE} when storage keeps none).
 */
public record ConnectionSnapshot(Connection connection, SyncRun lastRun, CredentialFacts credentials) {
    public ConnectionSnapshot {
        Objects.requireNonNull(connection, "connection");
        credentials = credentials == null ? CredentialFacts.NONE : credentials;
    }

    public ConnectionSnapshot(Connection connection, SyncRun lastRun) {
        this(connection, lastRun, CredentialFacts.NONE);
    }
}
