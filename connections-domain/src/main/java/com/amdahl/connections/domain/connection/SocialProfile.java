package com.amdahl.connections.domain.connection;

import java.util.Objects;

/** The public account a handle connection tracks. */
public record SocialProfile(String externalAccountId, String handle, String displayName, String avatarUrl) {
    public SocialProfile {
        Objects.requireNonNull(externalAccountId, "externalAccountId");
        Objects.requireNonNull(handle, "handle");
    }
}
