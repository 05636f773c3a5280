package com.amdahl.connections.adapter.persistence;

import org.junit.jupiter.api.Nested;

class EventLogIT {
    @Nested
    class OnH2InMemory extends EventLogContract {
        @Override
        Backend backend() {
            return Backend.H2_MEMORY;
        }
    }

    @Nested
    class OnH2File extends EventLogContract {
        @Override
        Backend backend() {
            return Backend.H2_FILE;
        }
    }

    @Nested
    class OnPostgres extends EventLogContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }
}
