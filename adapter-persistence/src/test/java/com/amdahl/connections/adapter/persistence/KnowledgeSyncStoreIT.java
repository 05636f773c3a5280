package com.amdahl.connections.adapter.persistence;

import org.junit.jupiter.api.Nested;

class KnowledgeSyncStoreIT {
    @Nested
    class OnH2InMemory extends KnowledgeSyncStoreContract {
        @Override
        Backend backend() {
            return Backend.H2_MEMORY;
        }
    }

    @Nested
    class OnH2File extends KnowledgeSyncStoreContract {
        @Override
        Backend backend() {
            return Backend.H2_FILE;
        }
    }

    @Nested
    class OnPostgres extends KnowledgeSyncStoreContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }
}
