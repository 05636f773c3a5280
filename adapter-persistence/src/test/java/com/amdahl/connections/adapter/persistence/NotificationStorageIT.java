package com.amdahl.connections.adapter.persistence;

import org.junit.jupiter.api.Nested;

class NotificationStorageIT {
    @Nested
    class OnH2InMemory extends NotificationStorageContract {
        @Override
        Backend backend() {
            return Backend.H2_MEMORY;
        }
    }

    @Nested
    class OnH2File extends NotificationStorageContract {
        @Override
        Backend backend() {
            return Backend.H2_FILE;
        }
    }

    @Nested
    class OnPostgres extends NotificationStorageContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }
}
