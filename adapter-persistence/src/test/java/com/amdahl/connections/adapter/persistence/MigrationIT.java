package com.amdahl.connections.adapter.persistence;

import org.junit.jupiter.api.Nested;

class MigrationIT {
    @Nested
    class OnH2InMemory extends MigrationContract {
        @Override
        Backend backend() {
            return Backend.H2_MEMORY;
        }
    }

    @Nested
    class OnH2File extends MigrationContract {
        @Override
        Backend backend() {
            return Backend.H2_FILE;
        }
    }

    @Nested
    class OnPostgres extends MigrationContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }
}
