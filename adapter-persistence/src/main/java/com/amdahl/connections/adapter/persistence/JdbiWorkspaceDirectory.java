package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.WorkspaceDirectory;
import com.amdahl.connections.domain.workspace.Member;
import com.amdahl.connections.domain.workspace.Role;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.Workspace;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Workspaces and members in {@code workspaces} and {@code members}. */
final class JdbiWorkspaceDirectory implements WorkspaceDirectory {
    private final Database db;

    JdbiWorkspaceDirectory(Database db) {
        this.db = db;
    }

    @Override
    public boolean createWorkspace(Workspace workspace) {
        return db.withHandle(handle -> {
            if (exists(handle, workspace.id())) {
                return false;
            }
            try {
                return db.guarded(handle, () -> handle.createUpdate(
                                "INSERT INTO workspaces (id, name, created_at) VALUES (:id, :name, :created_at)")
                        .bind("id", workspace.id().value())
                        .bind("name", workspace.name())
                        .bind("created_at", Sql.ts(workspace.createdAt()))
                        .execute()) == 1;
            } catch (RuntimeException e) {
                if (Sql.isUniqueViolation(e, null)) {
                    return false; // created concurrently
                }
                throw e;
            }
        });
    }

    private static boolean exists(Handle handle, WorkspaceId id) {
        return handle.createQuery("SELECT COUNT(*) FROM workspaces WHERE id = :id")
                .bind("id", id.value()).mapTo(Integer.class).one() > 0;
    }

    @Override
    public Optional<Workspace> findWorkspace(WorkspaceId id) {
        return db.withHandle(handle -> handle.createQuery("SELECT id, name, created_at FROM workspaces WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> new Workspace(new WorkspaceId(rs.getString("id")), rs.getString("name"),
                        Sql.instant(rs, "created_at")))
                .findOne());
    }

    @Override
    public void saveMember(Member member) {
        db.inOwnOrCurrentTransaction(handle -> {
            int updated = handle.createUpdate("UPDATE members SET role = :role"
                            + " WHERE workspace_id = :workspace_id AND user_id = :user_id")
                    .bind("role", member.role().wire())
                    .bind("workspace_id", member.workspaceId().value())
                    .bind("user_id", member.userId().value())
                    .execute();
            if (updated == 0) {
                handle.createUpdate("INSERT INTO members (workspace_id, user_id, role)"
                                + " VALUES (:workspace_id, :user_id, :role)")
                        .bind("role", member.role().wire())
                        .bind("workspace_id", member.workspaceId().value())
                        .bind("user_id", member.userId().value())
                        .execute();
            }
            return null;
        });
    }

    @Override
    public Optional<Member> findMember(WorkspaceId workspaceId, UserId userId) {
        return db.withHandle(handle -> handle.createQuery("SELECT role FROM members"
                        + " WHERE workspace_id = :workspace_id AND user_id = :user_id")
                .bind("workspace_id", workspaceId.value())
                .bind("user_id", userId.value())
                .mapTo(String.class)
                .findOne()
                .map(role -> new Member(workspaceId, userId, Rows.wire(Role.class, role))));
    }

    /** Right after this process's commits; on PostgreSQL also other processes' ({@link ChangeEvents}). */
    @Override
    public AutoCloseable onChange(java.util.function.Consumer<WorkspaceId> listener) {
        return db.events().listen(workspaceId -> listener.accept(new WorkspaceId(workspaceId)));
    }

    @Override
    public long changeCounter(WorkspaceId workspaceId) {
        return db.changeCounter(workspaceId.value(), () -> db.withJdbc(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT change_seq FROM workspaces WHERE id = ?")) {
                select.setString(1, workspaceId.value());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0L;
                }
            }
        }));
    }
}
