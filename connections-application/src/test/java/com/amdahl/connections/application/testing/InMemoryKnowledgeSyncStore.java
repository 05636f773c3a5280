package com.amdahl.connections.application.testing;

import com.amdahl.connections.application.port.out.KnowledgeSyncStore;
import com.amdahl.connections.domain.knowledge.KnowledgeSyncSettings;
import com.amdahl.connections.domain.knowledge.PageMapping;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** {@link KnowledgeSyncStore} in memory, keyed like the tables: workspace and connection. */
public final class InMemoryKnowledgeSyncStore implements KnowledgeSyncStore {
    private final Map<String, KnowledgeSyncSettings> settings = new ConcurrentHashMap<>();
    private final Map<String, Map<String, PageMapping>> pages = new ConcurrentHashMap<>();

    private static String key(WorkspaceId workspaceId, ConnectionId connectionId) {
        return workspaceId.value() + "/" + connectionId.value();
    }

    @Override
    public Optional<KnowledgeSyncSettings> settings(WorkspaceId workspaceId, ConnectionId connectionId) {
        return Optional.ofNullable(settings.get(key(workspaceId, connectionId)));
    }

    @Override
    public synchronized void saveSettings(WorkspaceId workspaceId, ConnectionId connectionId,
            KnowledgeSyncSettings value, Instant at) {
        KnowledgeSyncSettings before = settings.put(key(workspaceId, connectionId), value);
        if (before != null && !before.databaseId().equals(value.databaseId())) {
            pages.remove(key(workspaceId, connectionId));
        }
    }

    @Override
    public synchronized Map<String, PageMapping> mappings(WorkspaceId workspaceId, ConnectionId connectionId) {
        return new TreeMap<>(pages.getOrDefault(key(workspaceId, connectionId), Map.of()));
    }

    @Override
    public long pageCount(WorkspaceId workspaceId, ConnectionId connectionId) {
        return pages.getOrDefault(key(workspaceId, connectionId), Map.of()).size();
    }

    @Override
    public synchronized void putMapping(WorkspaceId workspaceId, ConnectionId connectionId, PageMapping mapping,
            Instant at) {
        pages.computeIfAbsent(key(workspaceId, connectionId), k -> new ConcurrentHashMap<>())
                .put(mapping.documentId(), mapping);
    }

    @Override
    public synchronized void removeMapping(WorkspaceId workspaceId, ConnectionId connectionId, String documentId) {
        pages.getOrDefault(key(workspaceId, connectionId), new ConcurrentHashMap<>()).remove(documentId);
    }
}
