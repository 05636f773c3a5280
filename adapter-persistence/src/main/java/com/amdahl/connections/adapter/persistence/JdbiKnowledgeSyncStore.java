package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.KnowledgeSyncStore;
import com.amdahl.connections.domain.WireNames;
import com.amdahl.connections.domain.knowledge.KnowledgeSyncSettings;
import com.amdahl.connections.domain.knowledge.PageMapping;
import com.amdahl.connections.domain.knowledge.SyncPolicy;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Knowledge sync settings ({@code knowledge_sync_settings}) and page mappings ({@code
 * knowledge_pages}), keyed by connection and always filtered by workspace. A page's mapping is
 * written by the run holding the connection's lock, so no two writers race one row.
 */
final class JdbiKnowledgeSyncStore implements KnowledgeSyncStore {
    private final Database db;

    JdbiKnowledgeSyncStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<KnowledgeSyncSettings> settings(WorkspaceId workspaceId, ConnectionId connectionId) {
        return db.withHandle(handle -> handle.createQuery("SELECT database_id, database_title, title_property, policy,"
                        + " tags_property, updated_property FROM knowledge_sync_settings"
                        + " WHERE workspace_id = :workspace_id AND connection_id = :connection_id")
                .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                .map((rs, ctx) -> new KnowledgeSyncSettings(rs.getString("database_id"), rs.getString("database_title"),
                        rs.getString("title_property"), WireNames.parse(SyncPolicy.class, rs.getString("policy"))
                                .orElseThrow(), rs.getString("tags_property"), rs.getString("updated_property")))
                .findOne());
    }

    @Override
    public void saveSettings(WorkspaceId workspaceId, ConnectionId connectionId, KnowledgeSyncSettings settings,
            Instant at) {
        db.inOwnOrCurrentTransaction(handle -> {
            Optional<String> before = handle.createQuery("SELECT database_id FROM knowledge_sync_settings"
                            + " WHERE workspace_id = :workspace_id AND connection_id = :connection_id")
                    .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                    .mapTo(String.class).findOne();
            if (before.isPresent() && !before.get().equals(settings.databaseId())) {
                // another database: the old one's pages are left where they are, the new one starts empty
                handle.createUpdate("DELETE FROM knowledge_pages"
                                + " WHERE workspace_id = :workspace_id AND connection_id = :connection_id")
                        .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value()).execute();
            }
            String sql = before.isPresent()
                    ? "UPDATE knowledge_sync_settings SET database_id = :database_id, database_title = :database_title,"
                            + " title_property = :title_property, policy = :policy, tags_property = :tags_property,"
                            + " updated_property = :updated_property, updated_at = :at"
                            + " WHERE workspace_id = :workspace_id AND connection_id = :connection_id"
                    : "INSERT INTO knowledge_sync_settings (workspace_id, connection_id, database_id, database_title,"
                            + " title_property, policy, tags_property, updated_property, updated_at) VALUES"
                            + " (:workspace_id, :connection_id, :database_id, :database_title, :title_property, :policy,"
                            + " :tags_property, :updated_property, :at)";
            handle.createUpdate(sql)
                    .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                    .bind("database_id", settings.databaseId()).bind("database_title", settings.databaseTitle())
                    .bind("title_property", settings.titleProperty()).bind("policy", settings.policy().wire())
                    .bind("tags_property", settings.tagsProperty()).bind("updated_property", settings.updatedProperty())
                    .bind("at", Sql.ts(at)).execute();
            db.changed(handle, workspaceId.value()); // a configured knowledge sync offers Sync now: views change
            return null;
        });
    }

    @Override
    public Map<String, PageMapping> mappings(WorkspaceId workspaceId, ConnectionId connectionId) {
        Map<String, PageMapping> mappings = new LinkedHashMap<>();
        db.withHandle(handle -> handle.createQuery("SELECT document_id, page_id, content_hash FROM knowledge_pages"
                        + " WHERE workspace_id = :workspace_id AND connection_id = :connection_id ORDER BY document_id")
                .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                .map((rs, ctx) -> new PageMapping(rs.getString("document_id"), rs.getString("page_id"),
                        rs.getString("content_hash")))
                .list()).forEach(m -> mappings.put(m.documentId(), m));
        return mappings;
    }

    @Override
    public long pageCount(WorkspaceId workspaceId, ConnectionId connectionId) {
        return db.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM knowledge_pages"
                        + " WHERE workspace_id = :workspace_id AND connection_id = :connection_id")
                .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                .mapTo(Long.class).one());
    }

    @Override
    public void putMapping(WorkspaceId workspaceId, ConnectionId connectionId, PageMapping mapping, Instant at) {
        db.inOwnOrCurrentTransaction(handle -> {
            int updated = handle.createUpdate("UPDATE knowledge_pages SET page_id = :page_id, content_hash = :hash,"
                            + " pushed_at = :at WHERE workspace_id = :workspace_id AND connection_id = :connection_id"
                            + " AND document_id = :document_id")
                    .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                    .bind("document_id", mapping.documentId()).bind("page_id", mapping.pageId())
                    .bind("hash", mapping.contentHash()).bind("at", Sql.ts(at)).execute();
            if (updated == 0) {
                handle.createUpdate("INSERT INTO knowledge_pages (workspace_id, connection_id, document_id, page_id,"
                                + " content_hash, pushed_at) VALUES (:workspace_id, :connection_id, :document_id,"
                                + " :page_id, :hash, :at)")
                        .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                        .bind("document_id", mapping.documentId()).bind("page_id", mapping.pageId())
                        .bind("hash", mapping.contentHash()).bind("at", Sql.ts(at)).execute();
            }
            return null;
        });
    }

    @Override
    public void removeMapping(WorkspaceId workspaceId, ConnectionId connectionId, String documentId) {
        db.inOwnOrCurrentTransaction(handle -> handle.createUpdate("DELETE FROM knowledge_pages"
                        + " WHERE workspace_id = :workspace_id AND connection_id = :connection_id"
                        + " AND document_id = :document_id")
                .bind("workspace_id", workspaceId.value()).bind("connection_id", connectionId.value())
                .bind("document_id", documentId).execute());
    }
}
