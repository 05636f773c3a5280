package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Permissions;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.in.ReadRecords;
import com.amdahl.connections.application.port.out.RecordFeed;
import com.amdahl.connections.application.port.out.RecordFeed.Position;
import com.amdahl.connections.application.port.out.RecordFeed.StoredRecord;
import com.amdahl.connections.application.view.Document;
import com.amdahl.connections.application.view.JsonShapes;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.domain.sync.RecordCounts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The records feed (CONTRACT 10): who may read it is decided here, what it holds by the {@link RecordFeed} port. */
final class RecordFeedService implements ReadRecords {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final int MAX_STREAM_LENGTH = 128;

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RecordFeedService.class.getName());

    private final ConnectionStore store;
    private final RecordFeed feed; // null: the embedder keeps records elsewhere
    private final List<Consumer<CommittedPage>> listeners = new CopyOnWriteArrayList<>();

    RecordFeedService(ConnectionStore store, RecordFeed feed) {
        this.store = store;
        this.feed = feed;
    }

    @Override
    public Document page(Principal principal, String id, String stream, String cursor, String limit) {
        Permissions.requireScope(principal, TokenScope.RECORDS_READ);
        ConnectionId connection = ConnectionStore.parseId(id);
        int effective = limit(limit);
        Position after = FeedCursor.decode(connection, cursor);
        if (stream != null && (stream.isBlank() || stream.length() > MAX_STREAM_LENGTH)) {
            throw new ConnectionsException(ErrorCode.VALIDATION_FAILED, "stream must name one of the connection's streams",
                    Map.of("stream", "must be 1-" + MAX_STREAM_LENGTH + " characters"));
        }
        requireReadable(principal, connection);
        List<StoredRecord> found = feed().changesAfter(principal.workspaceId(), connection, stream, after, effective + 1);
        boolean more = found.size() > effective;
        List<StoredRecord> records = more ? found.subList(0, effective) : found;
        Position next = records.isEmpty() ? after : records.get(records.size() - 1).position();
        return Document.ofJson(JsonShapes.recordsDocument(records, FeedCursor.encode(connection, next), more));
    }

    @Override
    public Document streams(Principal principal, String id) {
        Permissions.requireScope(principal, TokenScope.RECORDS_READ);
        ConnectionId connection = ConnectionStore.parseId(id);
        requireReadable(principal, connection);
        return Document.ofJson(JsonShapes.recordStreamsDocument(feed().streams(principal.workspaceId(), connection)));
    }

    @Override
    public Runnable whenCommitted(Consumer<CommittedPage> listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The sink runs write through: each page that changed records is announced once it has committed. */
    RecordSink announcing(RecordSink sink) {
        return new RecordSink() {
            @Override
            public RecordCounts write(WorkspaceId workspaceId, ConnectionId connectionId, String stream,
                    List<SyncedRecord> records) {
                return announced(workspaceId, connectionId, stream, sink.write(workspaceId, connectionId, stream, records));
            }

            @Override
            public RecordCounts delete(WorkspaceId workspaceId, ConnectionId connectionId, String stream,
                    List<DeletedRecord> records) {
                return announced(workspaceId, connectionId, stream, sink.delete(workspaceId, connectionId, stream, records));
            }
        };
    }

    private RecordCounts announced(WorkspaceId workspaceId, ConnectionId connectionId, String stream, RecordCounts counts) {
        if (counts.written() > 0) {
            CommittedPage page = new CommittedPage(workspaceId, connectionId, stream, counts);
            for (Consumer<CommittedPage> listener : listeners) {
                try {
                    listener.accept(page);
                } catch (RuntimeException e) {
                    LOG.warning("a records listener failed: " + e.getClass().getName());
                }
            }
        }
        return counts;
    }

    private void requireReadable(Principal principal, ConnectionId id) {
        Connection connection = store.requireVisible(principal, id);
        Permissions.requireMayReadRecords(principal, connection, store.connectorOf(connection));
    }

    private RecordFeed feed() {
        if (feed == null) {
            throw new ConnectionsException(ErrorCode.CONFLICT,
                    "This deployment keeps no records to read: its record sink is the embedder's own");
        }
        return feed;
    }

    private static int limit(String raw) {
        Integer parsed = Limits.parse(raw);
        if (parsed == null) {
            return DEFAULT_LIMIT;
        }
        if (parsed < 1) {
            Limits.effective(parsed); // refuses, naming limit
        }
        return Math.min(parsed, MAX_LIMIT);
    }
}
