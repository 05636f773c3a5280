package com.amdahl.connections.adapter.persistence;

import org.junit.jupiter.api.Nested;

class CredentialVaultIT {
    @Nested
    class OnH2InMemory extends CredentialVaultContract {
        @Override
        Backend backend() {
            return Backend.H2_MEMORY;
        }
    }

    @Nested
    class OnH2File extends CredentialVaultContract {
        @Override
        Backend backend() {
            return Backend.H2_FILE;
        }
    }

    @Nested
    class OnPostgres extends CredentialVaultContract {
        @Override
        Backend backend() {
            return Backend.POSTGRES;
        }
    }
}
