package com.amdahl.connections.application;

import com.amdahl.connections.domain.workspace.Role;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: a workspace member with a role and the scopes of their token, or a platform
 * admin bound to no workspace. Built by authentication; every use case takes one.
 */
public record Principal(WorkspaceId workspaceId, UserId userId, Role role, Set<TokenScope> scopes,
        boolean platformAdmin) {

    public Principal {
        scopes = Set.copyOf(scopes);
        if (platformAdmin) {
            if (workspaceId != null || userId != null || role != null) {
                throw new IllegalArgumentException("a platform admin is bound to no workspace");
            }
        } else {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(role, "role");
        }
    }

    public static Principal member(WorkspaceId workspaceId, UserId userId, Role role, Set<TokenScope> scopes) {
        return new Principal(workspaceId, userId, role, scopes, false);
    }

    public static Principal ofPlatformAdmin() {
        return new Principal(null, null, null, Set.of(), true);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean has(TokenScope scope) {
        return scopes.contains(scope);
    }
}
