package com.amdahl.connections.domain.workspace;

/** A person; a member of one or more workspaces. */
public record UserId(String value) {
    public UserId {
        Ids.requireValid(value, "user id");
    }

    @Override
    public String toString() {
        return value;
    }
}
