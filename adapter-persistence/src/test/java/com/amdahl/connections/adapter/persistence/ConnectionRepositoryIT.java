package com.amdahl.connections.adapter.persistence;

import org.junit.jupiter.api.Nested;

class ConnectionRepositoryIT {
    @Nested
    class OnH2InMemory extends ConnectionRepositoryContract {
        @Override
        Backend backend() {
            return Backend.H2_MEMORY;
        }
    }

    @Nested
    class OnH2File extends ConnectionRepositoryContract {
        @Override
        Backend backend() {
            return Backend.H2_FILE;
        }
    }

    @Nested
    class OnPostgres extends ConnectionRepositoryContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }
}
