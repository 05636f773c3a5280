package com.amdahl.connections.adapter.persistence;

import org.junit.jupiter.api.Nested;

class SyncEngineStorageIT {
    @Nested
    class OnH2InMemory extends SyncEngineStorageContract {
        @Override
        Backend backend() {
            return Backend.H2_MEMORY;
        }
    }

    @Nested
    class OnH2File extends SyncEngineStorageContract {
        @Override
        Backend backend() {
            return Backend.H2_FILE;
        }
    }

    @Nested
    class OnPostgres extends SyncEngineStorageContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }
}
