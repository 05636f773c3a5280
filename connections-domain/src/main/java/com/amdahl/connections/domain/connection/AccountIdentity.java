package com.amdahl.connections.domain.connection;

import java.util.Objects;

/** The provider-side identity a connection authorized as: an organization where there is one, else a user. */
public record AccountIdentity(String externalAccountId, String label) {
    public AccountIdentity {
        Objects.requireNonNull(externalAccountId, "externalAccountId");
        if (externalAccountId.isBlank()) {
            throw new IllegalArgumentException("externalAccountId must not be blank");
        }
    }
}
