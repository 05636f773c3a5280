package com.amdahl.connections.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.application.port.out.KnowledgeSource.Snapshot;
import com.amdahl.connections.domain.knowledge.KnowledgeDocument;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownFolderTest {
    private static final WorkspaceId ACME = new WorkspaceId("acme");
    private static final Instant MODIFIED = Instant.parse("2026-11-30T08:00:00Z");

    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
    }

    @Test
    void a_workspace_reads_its_own_folder_with_front_matter() throws IOException {
        write("acme/onboarding.md", "---\ntitle: \"Onboarding\"\ntags: [hr, guide]\nupdated: 2026-12-01\n---\n# Welcome\n\nHello.");
        write("acme/guides/setup.md", "---\ntags:\n  - ops\n  - 'setup'\nid: setup-guide\n---\nSteps.");
        write("acme/plain.md", "# First heading\n\ntext");
        write("acme/.hidden/secret.md", "no");
        write("acme/notes.txt", "not markdown");
        write("other/theirs.md", "not acme's");

        Snapshot snapshot = new MarkdownFolder(root).read(ACME);
        assertThat(snapshot.documents()).extracting(KnowledgeDocument::id)
                .containsExactly("setup-guide", "onboarding.md", "plain.md");
        KnowledgeDocument onboarding = snapshot.documents().get(1);
        assertThat(onboarding.title()).isEqualTo("Onboarding");
        assertThat(onboarding.tags()).containsExactly("hr", "guide");
        assertThat(onboarding.updatedAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(onboarding.markdown()).isEqualTo("# Welcome\n\nHello.");
        KnowledgeDocument setup = snapshot.documents().get(0);
        assertThat(setup.tags()).containsExactly("ops", "setup");
        assertThat(setup.title()).isEqualTo("setup");
        assertThat(setup.updatedAt()).isEqualTo(MODIFIED);
        assertThat(snapshot.documents().get(2).title()).isEqualTo("First heading");
    }

    @Test
    void the_cursor_moves_when_a_file_changes_and_only_then() throws IOException {
        write("acme/a.md", "one");
        String first = new MarkdownFolder(root).read(ACME).cursor();
        assertThat(new MarkdownFolder(root).read(ACME).cursor()).isEqualTo(first);
        write("acme/a.md", "one, edited");
        assertThat(new MarkdownFolder(root).read(ACME).cursor()).isNotEqualTo(first);
    }

    @Test
    void a_workspace_without_a_folder_or_a_missing_root_fails_and_an_empty_folder_is_empty() throws IOException {
        assertThatThrownBy(() -> new MarkdownFolder(root).read(ACME)).hasMessageContaining("no knowledge folder");
        Files.createDirectories(root.resolve("acme"));
        assertThat(new MarkdownFolder(root).read(ACME).documents()).isEmpty();
        assertThatThrownBy(() -> new MarkdownFolder(root.resolve("missing")).read(ACME))
                .hasMessageContaining("does not exist");
    }

    @Test
    void front_matter_that_is_not_closed_is_body() {
        KnowledgeDocument document = MarkdownFolder.parse("x.md", "---\ntitle: open\nbody", MODIFIED);
        assertThat(document.title()).isEqualTo("x");
        assertThat(document.markdown()).startsWith("---");
        assertThat(document.tags()).isEqualTo(List.of());
    }
}
