package com.amdahl.connections.domain.workspace;

import java.time.Instant;
import java.util.Objects;

/** A tenant of the platform. */
public record Workspace(WorkspaceId id, String name, Instant createdAt) {
    public Workspace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("workspace name must be 1-200 characters");
        }
    }
}
