package com.amdahl.connections.domain.knowledge;

import com.amdahl.connections.domain.WireNames;

/**
 * What an outbound knowledge sync does with the page of a document that left the knowledge base:
 * {@code mirror} archives it, {@code append} keeps it (pages are never archived).
 */
public enum SyncPolicy implements WireNames.Wired {
    MIRROR, APPEND;

    @Override
    public String wire() {
        return WireNames.of(this);
    }

    public boolean archivesRemoved() {
        return switch (this) {
            case MIRROR -> true;
            case APPEND -> false;
        };
    }
}
