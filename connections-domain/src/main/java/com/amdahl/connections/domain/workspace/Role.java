package com.amdahl.connections.domain.workspace;

import com.amdahl.connections.domain.WireNames;

/** A member's role in a workspace: admins manage workspace connections. */
public enum Role implements WireNames.Wired {
    ADMIN, MEMBER;

    @Override
    public String wire() {
        return WireNames.of(this);
    }
}
