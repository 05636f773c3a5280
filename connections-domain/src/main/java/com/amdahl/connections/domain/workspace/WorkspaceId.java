package com.amdahl.connections.domain.workspace;

/** The tenant: every row that belongs to a workspace carries its id. */
public record WorkspaceId(String value) {
    public WorkspaceId {
        Ids.requireValid(value, "workspace id");
    }

    @Override
    public String toString() {
        return value;
    }
}
