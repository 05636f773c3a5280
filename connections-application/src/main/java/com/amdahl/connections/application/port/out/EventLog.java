package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.connection.ConnectionEvent;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.List;

/** The audit trail of connections; appended in the same unit of work as the change it records. */
public interface EventLog {
    void append(ConnectionEvent event);

    /** The connection's events, newest first (by time, then insertion order), at most {@code limit}. */
    List<ConnectionEvent> listRecent(WorkspaceId workspaceId, ConnectionId connectionId, int limit);
}
