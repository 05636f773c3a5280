package com.amdahl.connections.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.workspace.Workspace;
import org.junit.jupiter.api.Test;

/**
 * Migrations apply once; opening the same database again changes nothing; the one-query schema
 * check agrees with Flyway and leaves every other history to it.
 */
abstract class MigrationContract extends DatabaseContract {

    private int appliedMigrations() {
        return adapter.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" = TRUE")
                .mapTo(Integer.class).one());
    }

    @Test
    void migrating_twice_is_a_no_op() {
        int before = appliedMigrations();
        assertThat(before).isPositive();

        try (PersistenceAdapter again = PersistenceAdapter.open(settings)) {
            assertThat(again.workspaces().findWorkspace(workspace)).isPresent();
        }
        PersistenceAdapter.migrate(adapter.dataSource());

        assertThat(appliedMigrations()).isEqualTo(before);
        assertThat(adapter.workspaces().findWorkspace(workspace)).isPresent();
    }

    @Test
    void the_history_flyway_writes_is_exactly_the_one_the_quick_check_expects() {
        // fails when a migration is added or edited without updating SchemaHistory.EXPECTED
        assertThat(SchemaHistory.isCurrent(adapter.dataSource())).isTrue();
        assertThat(adapter.readiness().notReadyReason()).isEmpty();
    }

    @Test
    void a_fresh_database_is_not_current_until_its_migrations_are_applied() {
        try (PersistenceAdapter fresh = PersistenceAdapter.connect(backend().freshSettings())) {
            assertThat(SchemaHistory.isCurrent(fresh.dataSource())).isFalse();
            assertThat(fresh.readiness().notReadyReason()).hasValueSatisfying(reason -> assertThat(reason).contains("pending"));

            fresh.applyMigrations();

            assertThat(SchemaHistory.isCurrent(fresh.dataSource())).isTrue();
            assertThat(fresh.readiness().notReadyReason()).isEmpty();
        }
    }

    @Test
    void an_edited_migration_is_left_to_flyway_which_refuses_it() {
        try (PersistenceAdapter edited = PersistenceAdapter.open(backend().freshSettings())) {
            edited.jdbi().useHandle(h -> h.execute(
                    "UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1 WHERE \"version\" = '8'"));

            assertThat(SchemaHistory.isCurrent(edited.dataSource())).isFalse();
            assertThatThrownBy(edited::applyMigrations).isInstanceOf(ConnectionsException.class)
                    .hasMessageContaining("Cannot migrate");
        }
    }

    @Test
    void a_failed_migration_is_left_to_flyway() {
        try (PersistenceAdapter failed = PersistenceAdapter.open(backend().freshSettings())) {
            failed.jdbi().useHandle(h -> h.execute("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE"
                    + " WHERE \"version\" = '8'"));

            assertThat(SchemaHistory.isCurrent(failed.dataSource())).isFalse();
            assertThat(failed.readiness().notReadyReason()).hasValueSatisfying(reason -> assertThat(reason).contains("failed"));
        }
    }

    @Test
    void one_connection_migrates_a_fresh_database_and_then_finds_it_current() {
        PersistenceSettings fresh = backend().freshSettings();
        try (PersistenceAdapter command = PersistenceAdapter.connectOnce(fresh)) {
            command.applyMigrations();
            assertThat(command.workspaces().createWorkspace(new Workspace(workspace, "Acme", Fixtures.T0))).isTrue();
        }
        try (PersistenceAdapter command = PersistenceAdapter.connectOnce(fresh)) {
            assertThat(SchemaHistory.isCurrent(command.dataSource())).isTrue();
            command.applyMigrations();
            assertThat(command.workspaces().findWorkspace(workspace)).isPresent();
        }
    }
}
