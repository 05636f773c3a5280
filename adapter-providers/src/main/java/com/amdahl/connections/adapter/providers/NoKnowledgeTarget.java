package com.amdahl.connections.adapter.providers;

import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.KnowledgeTarget;
import com.amdahl.connections.domain.knowledge.KnowledgeDocument;
import com.amdahl.connections.domain.knowledge.KnowledgeSyncSettings;
import java.util.List;
import java.util.Optional;

/** The knowledge target of a registry without an outbound knowledge connector: every write is refused. */
enum NoKnowledgeTarget implements KnowledgeTarget {
    INSTANCE;

    @Override
    public List<TargetDatabase> databases(Credentials credentials) {
        throw new UnsupportedOperationException("no knowledge target");
    }

    @Override
    public Optional<TargetDatabase> database(Credentials credentials, String databaseId) {
        throw new UnsupportedOperationException("no knowledge target");
    }

    @Override
    public String create(Credentials credentials, KnowledgeSyncSettings settings, KnowledgeDocument document) {
        throw new UnsupportedOperationException("no knowledge target");
    }

    @Override
    public void replace(Credentials credentials, KnowledgeSyncSettings settings, String pageId, KnowledgeDocument document) {
        throw new UnsupportedOperationException("no knowledge target");
    }

    @Override
    public void archive(Credentials credentials, String pageId) {
        throw new UnsupportedOperationException("no knowledge target");
    }
}
