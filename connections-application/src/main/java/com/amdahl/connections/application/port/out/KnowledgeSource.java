package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.knowledge.KnowledgeDocument;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;

/**
 * Where the knowledge an outbound knowledge sync mirrors comes from. The server's default reads a
 * folder of Markdown files; an embedding service plugs in its own knowledge base.
 */
public interface KnowledgeSource {

    /**
     * Every document of the workspace's knowledge base now, and a change cursor: an opaque value
     * that changes whenever any document is added, changed or removed. A push whose cursor equals
     * the one of the last good push has nothing to do and makes no call.
     */
    Snapshot read(WorkspaceId workspaceId);

    /** The knowledge base at one moment. */
    record Snapshot(List<KnowledgeDocument> documents, String cursor) {
        public Snapshot {
            documents = List.copyOf(documents);
            Objects.requireNonNull(cursor, "cursor");
        }
    }

    /** A knowledge base with no document (no source configured). */
    static KnowledgeSource empty() {
        return workspaceId -> new Snapshot(List.of(), "empty");
    }
}
