package com.amdahl.connections.adapter.persistence;

import org.junit.jupiter.api.Nested;

class CadenceOverridesIT {
    @Nested
    class OnH2InMemory extends CadenceOverridesContract {
        @Override
        Backend backend() {
            return Backend.H2_MEMORY;
        }
    }

    @Nested
    class OnH2File extends CadenceOverridesContract {
        @Override
        Backend backend() {
            return Backend.H2_FILE;
        }
    }

    @Nested
    class OnPostgres extends CadenceOverridesContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }
}
