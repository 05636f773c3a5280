package com.amdahl.connections.adapter.persistence;

import org.junit.jupiter.api.Nested;

class SyncRunRepositoryIT {
    @Nested
    class OnH2InMemory extends SyncRunRepositoryContract {
        @Override
        Backend backend() {
            return Backend.H2_MEMORY;
        }
    }

    @Nested
    class OnH2File extends SyncRunRepositoryContract {
        @Override
        Backend backend() {
            return Backend.H2_FILE;
        }
    }

    @Nested
    class OnPostgres extends SyncRunRepositoryContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }
}
