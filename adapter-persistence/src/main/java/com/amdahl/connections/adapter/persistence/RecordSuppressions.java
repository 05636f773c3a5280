package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.domain.sync.DataSubject;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** The subjects erased from a workspace ({@code record_suppressions}), as SHA-256 of their addresses. */
final class RecordSuppressions {
    private RecordSuppressions() {
    }

    /** The workspace's suppressed subject hashes (a primary-key range; usually none). */
    static Set<String> of(Handle handle, WorkspaceId workspaceId) {
        Set<String> hashes = new HashSet<>();
        handle.createQuery("SELECT subject_sha256 FROM record_suppressions WHERE workspace_id = :workspace_id")
                .bind("workspace_id", workspaceId.value()).mapTo(String.class).forEach(hashes::add);
        return hashes;
    }

    /** Adds the subject to the workspace's list (again is a no-op). */
    static void add(Handle handle, WorkspaceId workspaceId, DataSubject subject, Instant now) {
        int known = handle.createQuery("SELECT COUNT(*) FROM record_suppressions WHERE workspace_id = :workspace_id"
                        + " AND subject_sha256 = :hash")
                .bind("workspace_id", workspaceId.value()).bind("hash", subject.sha256()).mapTo(Integer.class).one();
        if (known == 0) {
            handle.createUpdate("INSERT INTO record_suppressions (workspace_id, subject_sha256, created_at)"
                            + " VALUES (:workspace_id, :hash, :now)")
                    .bind("workspace_id", workspaceId.value()).bind("hash", subject.sha256()).bind("now", Sql.ts(now))
                    .execute();
        }
    }
}
