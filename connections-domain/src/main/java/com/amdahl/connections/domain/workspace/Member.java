package com.amdahl.connections.domain.workspace;

import java.util.Objects;

/** A user's membership of a workspace, with the role it grants. */
public record Member(WorkspaceId workspaceId, UserId userId, Role role) {
    public Member {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }
}
