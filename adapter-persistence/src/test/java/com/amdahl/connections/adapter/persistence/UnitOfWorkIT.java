package com.amdahl.connections.adapter.persistence;

import org.junit.jupiter.api.Nested;

class UnitOfWorkIT {
    @Nested
    class OnH2InMemory extends UnitOfWorkContract {
        @Override
        Backend backend() {
            return Backend.H2_MEMORY;
        }
    }

    @Nested
    class OnH2File extends UnitOfWorkContract {
        @Override
        Backend backend() {
            return Backend.H2_FILE;
        }
    }

    @Nested
    class OnPostgres extends UnitOfWorkContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }
}
