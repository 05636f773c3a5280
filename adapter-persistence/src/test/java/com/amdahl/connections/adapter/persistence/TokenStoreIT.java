package com.amdahl.connections.adapter.persistence;

import org.junit.jupiter.api.Nested;

class TokenStoreIT {
    @Nested
    class OnH2InMemory extends TokenStoreContract {
        @Override
        Backend backend() {
            return Backend.H2_MEMORY;
        }
    }

    @Nested
    class OnH2File extends TokenStoreContract {
        @Override
        Backend backend() {
            return Backend.H2_FILE;
        }
    }

    @Nested
    class OnPostgres extends TokenStoreContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }
}
