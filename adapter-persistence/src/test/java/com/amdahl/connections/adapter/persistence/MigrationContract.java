package com.amdahl.connections.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Migrations apply once; opening the same database again changes nothing. */
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
}
