package com.amdahl.connections.domain.connection;

import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.catalog.Direction;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.catalog.Scope;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;

/** Test fixtures for connections. */
final class Connections {
    static final WorkspaceId WORKSPACE = new WorkspaceId("acme");
    static final UserId ALICE = new UserId("alice");
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    /** Entries shaped like the launch set's (the plugins state the real ones): OAuth, API key, personal, handle. */
    static final Catalog CATALOG = Catalog.of(List.of(
            new Connector("hubspot", "HubSpot", Category.CRM, AuthMethod.OAUTH_REDIRECT, Ownership.WORKSPACE,
                    Direction.INBOUND, Scope.BUSINESS, List.of("contacts", "deals"), Cadence.ONE_HOUR, false, null),
            new Connector("pipedrive", "Pipedrive", Category.CRM, AuthMethod.API_KEY, Ownership.WORKSPACE,
                    Direction.INBOUND, Scope.BUSINESS, List.of("persons", "deals"), Cadence.ONE_HOUR, false, null),
            new Connector("gmail", "Gmail", Category.COMMS, AuthMethod.OAUTH_REDIRECT, Ownership.PERSONAL,
                    Direction.INBOUND, Scope.PERSONAL, List.of("messages"), Cadence.TEN_MINUTES, false, null),
            new Connector("twitter", "X / Twitter", Category.SOCIAL, AuthMethod.HANDLE, Ownership.WORKSPACE,
                    Direction.INBOUND, Scope.BUSINESS, List.of("profile", "posts"), Cadence.ONE_DAY, false, null)));

    private Connections() {
    }

    static Connection open(String type, String id) {
        Connector connector = CATALOG.require(type);
        return Connection.open(new ConnectionId(id), WORKSPACE, connector,
                new Profile(connector.name(), connector.defaultScope(), connector.isPersonal() ? ALICE : null, null, null),
                ALICE, T0);
    }

    /** Stands in for storage: the stored version is one more than the written one. */
    static Connection stored(Connection c) {
        return Connection.restore(c.id(), c.workspaceId(), c.connectorType(), c.createdAt(), c.connectedByUserId(),
                c.profile(), c.lifecycle(), c.sync(), c.version() + 1);
    }
}
