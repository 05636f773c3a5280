package com.amdahl.connections.application.port.in;

import com.amdahl.connections.domain.workspace.Role;

/** Operator commands (the CLI): workspaces, members and tokens. */
public interface AdministerWorkspaces {
    /** Creates a workspace; false when it already existed. */
    boolean createWorkspace(String workspaceId, String name);

    void addMember(String workspaceId, String userId, Role role);

    /** Issues a token for a member and returns its secret, shown this once; only its hash is stored. */
    String createToken(String workspaceId, String userId, boolean readOnly);

    /** Issues a platform-admin token and returns its secret. */
    String createPlatformAdminToken();
}
