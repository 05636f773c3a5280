package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.workspace.Member;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.Workspace;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.Optional;

/** Workspaces and their members. */
public interface WorkspaceDirectory {
    /** Creates the workspace; returns false when it already exists. */
    boolean createWorkspace(Workspace workspace);

    Optional<Workspace> findWorkspace(WorkspaceId id);

    /** Adds the member or changes their role. */
    void saveMember(Member member);

    Optional<Member> findMember(WorkspaceId workspaceId, UserId userId);

    /**
     * The workspace's change counter: it rises in the same transaction as every write to what the
     * connection reads show (connections, their runs, their credentials, their events), so rows read
     * after reading it are at least as new as the counter says. The answer reflects every write this
     * process committed before the call; an implementation may answer a value up to a fraction of a
     * second old for writes committed by other processes (it says its bound). 0 for an unknown
     * workspace.
     */
    long changeCounter(WorkspaceId workspaceId);

    /**
     * Calls {@code listener} after a write that raised a workspace's change counter was committed:
     * by this process right after the commit; by other processes too where the storage carries
     * change events (it says so). The default carries none: readers fall back to the counter.
     * Close the answer to stop listening.
     */
    default AutoCloseable onChange(java.util.function.Consumer<WorkspaceId> listener) {
        return () -> { };
    }
}
