package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.Optional;

/** Where each stream of a connection stopped, so the next run resumes incrementally. */
public interface StreamCursors {
    Optional<String> get(WorkspaceId workspaceId, ConnectionId connectionId, String stream);

    void put(WorkspaceId workspaceId, ConnectionId connectionId, String stream, String cursor);

    /** Forgets every stream's cursor of a connection (a full refresh): its next run pulls everything. */
    void clear(WorkspaceId workspaceId, ConnectionId connectionId);
}
