package com.amdahl.connections.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.port.out.KnowledgeSyncStore;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.knowledge.KnowledgeSyncSettings;
import com.amdahl.connections.domain.knowledge.PageMapping;
import com.amdahl.connections.domain.knowledge.SyncPolicy;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

/** What every {@link KnowledgeSyncStore} must do. */
abstract class KnowledgeSyncStoreContract extends DatabaseContract {

    KnowledgeSyncStore store() {
        return adapter.knowledgeSync();
    }

    private Connection stored(WorkspaceId workspace) {
        Connection connection = Fixtures.pipedrive(workspace, Fixtures.T0);
        adapter.connections().insert(connection);
        return connection;
    }

    @Test
    void settings_are_saved_changed_and_read_only_in_their_workspace() {
        WorkspaceId workspace = Fixtures.newWorkspace(adapter);
        WorkspaceId other = Fixtures.newWorkspace(adapter);
        Connection connection = stored(workspace);
        assertThat(store().settings(workspace, connection.id())).isEmpty();

        KnowledgeSyncSettings first = new KnowledgeSyncSettings("db-1", "Handbook", "Name", SyncPolicy.MIRROR, "Tags", null);
        store().saveSettings(workspace, connection.id(), first, Fixtures.T0);
        assertThat(store().settings(workspace, connection.id())).contains(first);
        assertThat(store().settings(other, connection.id())).isEmpty();

        KnowledgeSyncSettings second = new KnowledgeSyncSettings("db-1", "Handbook", "Name", SyncPolicy.APPEND, null, "Updated");
        store().saveSettings(workspace, connection.id(), second, Fixtures.T0);
        assertThat(store().settings(workspace, connection.id())).contains(second);
    }

    @Test
    void mappings_are_put_replaced_counted_removed_and_dropped_with_their_database() {
        WorkspaceId workspace = Fixtures.newWorkspace(adapter);
        Connection connection = stored(workspace);
        store().saveSettings(workspace, connection.id(),
                new KnowledgeSyncSettings("db-1", "", "Name", SyncPolicy.MIRROR, null, null), Fixtures.T0);
        store().putMapping(workspace, connection.id(), new PageMapping("a.md", "p-1", "h1"), Fixtures.T0);
        store().putMapping(workspace, connection.id(), new PageMapping("b.md", "p-2", "h2"), Fixtures.T0);
        store().putMapping(workspace, connection.id(), new PageMapping("a.md", "p-1", "h3"), Fixtures.T0);

        assertThat(store().mappings(workspace, connection.id())).containsOnlyKeys("a.md", "b.md")
                .containsEntry("a.md", new PageMapping("a.md", "p-1", "h3"));
        assertThat(store().pageCount(workspace, connection.id())).isEqualTo(2);
        assertThat(store().mappings(Fixtures.newWorkspace(adapter), connection.id())).isEmpty();

        store().removeMapping(workspace, connection.id(), "b.md");
        assertThat(store().mappings(workspace, connection.id())).containsOnlyKeys("a.md");

        store().saveSettings(workspace, connection.id(),
                new KnowledgeSyncSettings("db-1", "", "Name", SyncPolicy.APPEND, null, null), Fixtures.T0);
        assertThat(store().pageCount(workspace, connection.id())).isEqualTo(1);
        store().saveSettings(workspace, connection.id(),
                new KnowledgeSyncSettings("db-2", "", "Name", SyncPolicy.APPEND, null, null), Fixtures.T0);
        assertThat(store().pageCount(workspace, connection.id())).isZero();
    }
}
