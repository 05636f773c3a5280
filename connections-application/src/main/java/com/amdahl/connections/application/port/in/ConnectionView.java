package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.ConnectionAction;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.health.HealthReport;
import com.amdahl.connections.domain.sync.SyncRun;
import java.util.List;

/**
 * What every surface shows of a connection: the aggregate, its last run, its derived health and
 * what the caller who asked may do next with it. REST and MCP render this one view the same way.
 */
public record ConnectionView(Connection connection, SyncRun lastRun, HealthReport health,
        List<ConnectionAction> availableActions) {
    public ConnectionView {
        availableActions = List.copyOf(availableActions);
    }
}
