package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.domain.workspace.Role;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;

/**
 * What shapes a caller's reads, as a key for kept documents: visibility and available actions
 * depend on the workspace, the user (owners see and manage their personal connections), the role
 * and the write scope.
 */
record Viewer(WorkspaceId workspace, UserId user, Role role, boolean writes) {
    static Viewer of(Principal principal) {
        return new Viewer(principal.workspaceId(), principal.userId(), principal.role(),
                principal.has(TokenScope.CONNECTIONS_WRITE));
    }
}
