package com.amdahl.connections.application.port.out;

import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A stored API token: only the SHA-256 hash of the secret is kept. A platform-admin token has no
 * workspace or user.
 */
public record ApiToken(String id, String tokenHash, WorkspaceId workspaceId, UserId userId, Set<TokenScope> scopes,
        boolean platformAdmin, Instant createdAt, Instant lastUsedAt) {

    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(createdAt, "createdAt");
        scopes = Set.copyOf(scopes);
        if (platformAdmin != (workspaceId == null && userId == null)) {
            throw new IllegalArgumentException("a platform-admin token has no workspace or user; others have both");
        }
    }
}
