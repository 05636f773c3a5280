package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.sync.RunId;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;

/** Stores sync runs. Every read is scoped to one workspace. */
public interface SyncRunRepository {
    void insert(SyncRun run);

    /** Replaces the stored run with the same id (status, counters, heartbeat, finish time). */
    void update(SyncRun run);

    Optional<SyncRun> find(WorkspaceId workspaceId, RunId id);

    /** The connection's runs, newest first by started_at then id, at most {@code limit}. */
    List<SyncRun> listRecent(WorkspaceId workspaceId, ConnectionId connectionId, int limit);
}
