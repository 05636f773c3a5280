package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.ConnectionAction;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.health.HealthReport;
import com.amdahl.connections.domain.sync.SyncRun;
import java.util.List;

/**
 * What every surface shows of a connection: the aggregate, its last run, its derived health and
 * the facts about its credentials (null when not known), and what the caller who asked may do next
 * with it, and for an outbound knowledge sync its summary (null for any other connection). REST
 * and MCP render this one view the same way.
 */
public record ConnectionView(Connection connection, SyncRun lastRun, HealthReport health,
        CredentialSummary credentials, List<ConnectionAction> availableActions, KnowledgeSyncSummary knowledgeSync) {
    public ConnectionView {
        availableActions = List.copyOf(availableActions);
    }

    /** A connection without a knowledge sync. */
    public ConnectionView(Connection connection, SyncRun lastRun, HealthReport health, CredentialSummary credentials,
            List<ConnectionAction> availableActions) {
        this(connection, lastRun, health, credentials, availableActions, null);
    }
}
