package com.amdahl.connections.domain.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushPlanTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final KnowledgeSyncSettings MIRROR = new KnowledgeSyncSettings("db", "KB", "Name", SyncPolicy.MIRROR, null, null);
    private static final KnowledgeSyncSettings APPEND = new KnowledgeSyncSettings("db", "KB", "Name", SyncPolicy.APPEND, null, null);

    private static KnowledgeDocument doc(String id, String body) {
        return new KnowledgeDocument(id, id, body, List.of("t"), T);
    }

    private static PageMapping pushed(KnowledgeDocument document, KnowledgeSyncSettings settings) {
        return new PageMapping(document.id(), "page-" + document.id(), document.contentHash(settings.fingerprint()));
    }

    @Test
    void new_documents_are_created_unchanged_ones_cost_nothing_changed_ones_are_updated() {
        KnowledgeDocument same = doc("same", "x");
        KnowledgeDocument changed = doc("changed", "new body");
        PushPlan plan = PushPlan.of(List.of(doc("new", "y"), same, changed),
                Map.of("same", pushed(same, MIRROR), "changed", pushed(doc("changed", "old body"), MIRROR)), MIRROR);
        assertThat(plan.creates()).extracting(c -> c.document().id()).containsExactly("new");
        assertThat(plan.updates()).extracting(PushPlan.Change::pageId).containsExactly("page-changed");
        assertThat(plan.unchanged()).isEqualTo(1);
        assertThat(plan.archives()).isEmpty();
    }

    @Test
    void a_removed_document_is_archived_under_mirror_and_kept_under_append() {
        KnowledgeDocument gone = doc("gone", "x");
        Map<String, PageMapping> mappings = Map.of("gone", pushed(gone, MIRROR));
        assertThat(PushPlan.of(List.of(), mappings, MIRROR).archives()).extracting(PageMapping::pageId)
                .containsExactly("page-gone");
        assertThat(PushPlan.of(List.of(), mappings, APPEND).nothingToDo()).isTrue();
    }

    @Test
    void a_changed_mapping_of_properties_rewrites_every_page() {
        KnowledgeDocument document = doc("a", "x");
        KnowledgeSyncSettings withTags = new KnowledgeSyncSettings("db", "KB", "Name", SyncPolicy.MIRROR, "Tags", null);
        PushPlan plan = PushPlan.of(List.of(document), Map.of("a", pushed(document, MIRROR)), withTags);
        assertThat(plan.updates()).hasSize(1);
        assertThat(PushPlan.of(List.of(document), Map.of("a", pushed(document, MIRROR)), MIRROR).nothingToDo()).isTrue();
    }
}
