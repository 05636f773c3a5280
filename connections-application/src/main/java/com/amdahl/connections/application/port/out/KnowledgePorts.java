package com.amdahl.connections.application.port.out;

import java.util.Objects;

/**
 * What an outbound knowledge sync needs: where the knowledge comes from, where its settings and
 * page mappings are kept, and the workspace it is written into.
 */
public record KnowledgePorts(KnowledgeSource source, KnowledgeSyncStore store, KnowledgeTarget target) {
    public KnowledgePorts {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(target, "target");
    }
}
