package com.amdahl.connections.adapter.persistence;

import org.junit.jupiter.api.Nested;

class WorkspaceDirectoryIT {
    @Nested
    class OnH2InMemory extends WorkspaceDirectoryContract {
        @Override
        Backend backend() {
            return Backend.H2_MEMORY;
        }
    }

    @Nested
    class OnH2File extends WorkspaceDirectoryContract {
        @Override
        Backend backend() {
            return Backend.H2_FILE;
        }
    }

    @Nested
    class OnPostgres extends WorkspaceDirectoryContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }
}
