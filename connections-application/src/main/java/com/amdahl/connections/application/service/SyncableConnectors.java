package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.in.KnowledgeSyncSummary;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.Connection;
import java.util.List;

/**
 * Which connectors sync: those the stream puller names streams for (the provider adapter's
 * registry decides), and outbound knowledge syncs the {@link KnowledgePush} serves, whose one
 * stream is {@value KnowledgePush#STREAM} and whose connections run only once configured.
 */
final class SyncableConnectors {
    private final StreamPuller puller;
    private final KnowledgePush push;

    SyncableConnectors(StreamPuller puller, KnowledgePush push) {
        this.puller = puller;
        this.push = push;
    }

    boolean isSyncable(Connector connector) {
        return !connector.comingSoon() && !streams(connector.type()).isEmpty();
    }

    /** Whether this connection may run: its connector syncs and, for a knowledge sync, it is configured. */
    boolean isSyncable(Connection connection, Connector connector) {
        return isSyncable(connector) && push.mayRun(connector.type(), connection.workspaceId(), connection.id());
    }

    /** The summary of an outbound knowledge sync's settings; null for any other connection. */
    KnowledgeSyncSummary knowledgeSummary(Connection connection, Connector connector) {
        if (!push.pushes(connector.type())) {
            return null;
        }
        return push.store().settings(connection.workspaceId(), connection.id())
                .map(s -> new KnowledgeSyncSummary(true, null, s.databaseId(), s.policy().wire()))
                .orElseGet(() -> new KnowledgeSyncSummary(false, KnowledgePush.NOT_CONFIGURED, null, null));
    }

    List<String> streams(String connectorType) {
        return push.pushes(connectorType) ? List.of(KnowledgePush.STREAM) : puller.streams(connectorType);
    }

    KnowledgePush push() {
        return push;
    }
}
