package com.amdahl.connections.domain.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one push has to do, decided from the knowledge base, the stored mappings and the settings
 * alone (no call): create a page for each new document, replace the body of each changed one,
 * archive the pages of removed documents under {@link SyncPolicy#MIRROR}, and nothing for an
 * unchanged document. Under {@link SyncPolicy#APPEND} a removed document's mapping is kept, so its
 * page is updated again if the document comes back.
 */
public record PushPlan(List<Change> creates, List<Change> updates, List<PageMapping> archives, int unchanged) {
    public PushPlan {
        creates = List.copyOf(creates);
        updates = List.copyOf(updates);
        archives = List.copyOf(archives);
    }

    /** A document to write, with the hash it will be stored under and, for an update, its page. */
    public record Change(KnowledgeDocument document, String contentHash, String pageId) {
    }

    public static PushPlan of(List<KnowledgeDocument> documents, Map<String, PageMapping> mappings,
            KnowledgeSyncSettings settings) {
        String fingerprint = settings.fingerprint();
        List<Change> creates = new ArrayList<>();
        List<Change> updates = new ArrayList<>();
        Set<String> present = new HashSet<>();
        int unchanged = 0;
        for (KnowledgeDocument document : documents) {
            if (!present.add(document.id())) {
                continue; // a source that repeats an id: the first one wins
            }
            String hash = document.contentHash(fingerprint);
            PageMapping mapped = mappings.get(document.id());
            if (mapped == null) {
                creates.add(new Change(document, hash, null));
            } else if (!mapped.contentHash().equals(hash)) {
                updates.add(new Change(document, hash, mapped.pageId()));
            } else {
                unchanged++;
            }
        }
        List<PageMapping> archives = new ArrayList<>();
        if (settings.policy().archivesRemoved()) {
            mappings.values().stream().filter(m -> !present.contains(m.documentId()))
                    .sorted(Comparator.comparing(PageMapping::documentId)).forEach(archives::add);
        }
        return new PushPlan(creates, updates, archives, unchanged);
    }

    public boolean nothingToDo() {
        return creates.isEmpty() && updates.isEmpty() && archives.isEmpty();
    }
}
