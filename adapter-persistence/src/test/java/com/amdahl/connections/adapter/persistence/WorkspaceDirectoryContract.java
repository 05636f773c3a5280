package com.amdahl.connections.adapter.persistence;

import static com.amdahl.connections.adapter.persistence.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.port.out.WorkspaceDirectory;
import com.amdahl.connections.domain.workspace.Member;
import com.amdahl.connections.domain.workspace.Role;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.Workspace;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

/** What every {@link WorkspaceDirectory} must do. */
abstract class WorkspaceDirectoryContract extends DatabaseContract {

    WorkspaceDirectory directory() {
        return adapter.workspaces();
    }

    @Test
    void a_workspace_is_created_once() {
        Workspace created = new Workspace(new WorkspaceId(Fixtures.newId("ws")), "Globex", T0);

        assertThat(directory().createWorkspace(created)).isTrue();
        assertThat(directory().createWorkspace(new Workspace(created.id(), "Other name", T0))).isFalse();
        assertThat(directory().findWorkspace(created.id())).contains(created);
        assertThat(directory().findWorkspace(new WorkspaceId("nope"))).isEmpty();
    }

    @Test
    void creating_an_existing_workspace_inside_a_unit_of_work_keeps_the_transaction_usable() {
        Member member = new Member(workspace, new UserId("u-in-tx"), Role.MEMBER);
        adapter.unitOfWork().run(() -> {
            assertThat(directory().createWorkspace(new Workspace(workspace, "Again", T0))).isFalse();
            directory().saveMember(member);
        });
        assertThat(directory().findMember(workspace, member.userId())).contains(member);
    }

    @Test
    void a_member_is_added_then_their_role_changes() {
        UserId user = new UserId("u-ann");
        directory().saveMember(new Member(workspace, user, Role.MEMBER));
        assertThat(directory().findMember(workspace, user)).contains(new Member(workspace, user, Role.MEMBER));

        directory().saveMember(new Member(workspace, user, Role.ADMIN));
        assertThat(directory().findMember(workspace, user)).contains(new Member(workspace, user, Role.ADMIN));
    }

    @Test
    void membership_is_per_workspace() {
        UserId user = new UserId("u-bob");
        directory().saveMember(new Member(workspace, user, Role.ADMIN));

        assertThat(directory().findMember(Fixtures.newWorkspace(adapter), user)).isEmpty();
    }
}
