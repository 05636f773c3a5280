package com.amdahl.connections.domain.connection;

import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.UserId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;

/** Test fixtures for connections. */
final class Connections {
    static final WorkspaceId WORKSPACE = new WorkspaceId("acme");
    static final UserId ALICE = new UserId("alice");
    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    static final Catalog CATALOG = Catalog.launch();

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
