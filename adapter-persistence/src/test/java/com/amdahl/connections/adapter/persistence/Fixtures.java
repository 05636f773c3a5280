package com.amdahl.connections.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.testing.TestCatalog;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.catalog.Scope;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.Profile;
import com.amdahl.connections.domain.connection.SocialProfile;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.Workspace;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.UUID;

/** Domain objects for the contracts, built through the aggregate's own factories and transitions. */
final class Fixtures {
    static final Catalog CATALOG = TestCatalog.LAUNCH;
    /** Microsecond precision: what both H2 and PostgreSQL keep. */
    static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
    static final UserId ADMIN = new UserId("u-admin");

    private Fixtures() {
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static WorkspaceId newWorkspace(PersistenceAdapter adapter) {
        WorkspaceId id = new WorkspaceId(newId("ws"));
        assertThat(adapter.workspaces().createWorkspace(new Workspace(id, "Acme " + id, T0))).isTrue();
        return id;
    }

    /** An API-key connection: connected at once. */
    static Connection pipedrive(WorkspaceId workspace, Instant at) {
        return Connection.open(new ConnectionId(newId("c")), workspace, CATALOG.require("pipedrive"),
                new Profile("Pipedrive", Scope.BUSINESS, null, new AccountIdentity("company-7", "Acme Co"), null),
                ADMIN, at);
    }

    /** An OAuth connection: pending until its callback lands. */
    static Connection hubspot(WorkspaceId workspace, Instant at) {
        return Connection.open(new ConnectionId(newId("c")), workspace, CATALOG.require("hubspot"),
                new Profile("HubSpot", Scope.BUSINESS, null, null, null), ADMIN, at);
    }

    /** A personal OAuth connection with an owner. */
    static Connection gmail(WorkspaceId workspace, UserId owner, Instant at) {
        return Connection.open(new ConnectionId(newId("c")), workspace, CATALOG.require("gmail"),
                new Profile("Gmail", Scope.PERSONAL, owner, null, null), owner, at);
    }

    /** A handle connection tracking a social account. */
    static Connection twitter(WorkspaceId workspace, String externalAccountId, Instant at) {
        return Connection.open(new ConnectionId(newId("c")), workspace, CATALOG.require("twitter"),
                new Profile("X / Twitter", Scope.BUSINESS, null, null,
                        new SocialProfile(externalAccountId, "acme", "Acme Inc.", "https://img.example/acme.png")),
                ADMIN, at);
    }

    /** Field-by-field equality (the aggregate has no equals of its own). */
    static void assertSameConnection(Connection actual, Connection expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.workspaceId()).isEqualTo(expected.workspaceId());
        assertThat(actual.connectorType()).isEqualTo(expected.connectorType());
        assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
        assertThat(actual.connectedByUserId()).isEqualTo(expected.connectedByUserId());
        assertThat(actual.profile()).isEqualTo(expected.profile());
        assertThat(actual.lifecycle()).isEqualTo(expected.lifecycle());
        assertThat(actual.sync()).isEqualTo(expected.sync());
        assertThat(actual.version()).isEqualTo(expected.version());
    }
}
