package com.amdahl.connections.adapter.persistence;

import org.junit.jupiter.api.Nested;

class OAuthStateStoreIT {
    @Nested
    class OnH2InMemory extends OAuthStateStoreContract {
        @Override
        Backend backend() {
            return Backend.H2_MEMORY;
        }
    }

    @Nested
    class OnH2File extends OAuthStateStoreContract {
        @Override
        Backend backend() {
            return Backend.H2_FILE;
        }
    }

    @Nested
    class OnPostgres extends OAuthStateStoreContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }
}
