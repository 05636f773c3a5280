package com.amdahl.connections.application.port.in;

import com.amdahl.connections.domain.workspace.Role;

/** Operator commands (the CLI): workspaces, members and tokens. */
public interface AdministerWorkspaces {
    /** Creates a workspace; false when it already existed. */
    boolean createWorkspace(String workspaceId, String name);

    void addMember(String workspaceId, String userId, Role role);

    /** Issues a token for a member and returns its secret, shown this once; only its hash is stored. */
    String createToken(String workspaceId, String userId, boolean readOnly);

    /**
     * Issues a token with exactly these scopes (wire names, e.g. {@code connections:read},
     * {@code records:read}); an unknown or empty set is refused with {@code validation_failed}.
     */
    String createToken(String workspaceId, String userId, java.util.Set<String> scopes);

    /** Issues a platform-admin token and returns its secret. */
    String createPlatformAdminToken();
}
