package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.knowledge.KnowledgeSyncSettings;
import com.amdahl.connections.domain.knowledge.PageMapping;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of each outbound knowledge sync and its mapping of document ids to pages (with the
 * hash of what was pushed), per connection, always read and written by workspace.
 */
public interface KnowledgeSyncStore {
    Optional<KnowledgeSyncSettings> settings(WorkspaceId workspaceId, ConnectionId connectionId);

    /** Saves the settings; when the target database changed, the old database's mappings are dropped. */
    void saveSettings(WorkspaceId workspaceId, ConnectionId connectionId, KnowledgeSyncSettings settings, Instant at);

    /** Every mapping of the connection, by document id. */
    Map<String, PageMapping> mappings(WorkspaceId workspaceId, ConnectionId connectionId);

    /** How many pages the connection mirrors now. */
    long pageCount(WorkspaceId workspaceId, ConnectionId connectionId);

    void putMapping(WorkspaceId workspaceId, ConnectionId connectionId, PageMapping mapping, Instant at);

    void removeMapping(WorkspaceId workspaceId, ConnectionId connectionId, String documentId);
}
