package com.amdahl.connections.domain.knowledge;

import java.util.Objects;

/** The page a document was pushed to, and the hash of what was pushed. */
public record PageMapping(String documentId, String pageId, String contentHash) {
    public PageMapping {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(pageId, "pageId");
        Objects.requireNonNull(contentHash, "contentHash");
    }
}
