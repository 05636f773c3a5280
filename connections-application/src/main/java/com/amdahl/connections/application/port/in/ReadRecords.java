package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.view.Document;
import com.amdahl.connections.domain.sync.RecordCounts;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.function.Consumer;

/**
 * A connection's synced records as a change feed (CONTRACT 10), the same document on REST and
 * MCP. Ids, stream, cursor and limit come as the caller wrote them; each read decides, in this
 * order: the {@code records:read} scope (403), an id that cannot exist (404), the limit and cursor
 * (400 naming them), visibility (404, as for a missing id), then a personal connection's owner
 * (403 {@code forbidden} for anyone else, admins included).
 */
public interface ReadRecords {
    /** {@code limit}: null means 100, above 1000 is capped. {@code cursor}: a {@code next_cursor} this feed gave. */
    Document page(Principal principal, String id, String stream, String cursor, String limit);

    Document streams(Principal principal, String id);

    /**
     * Calls {@code listener} after each page of records a sync committed that changed something
     * (added, updated or deleted records), on the writing thread — keep it quick; what it throws is
     * logged and ignored. The way to stream records into another store without polling: on each
     * call, read this feed from the cursor you stored. Returns what removes the listener.
     */
    Runnable whenCommitted(Consumer<CommittedPage> listener);

    /** Which records changed: read them from the feed. */
    record CommittedPage(WorkspaceId workspaceId, ConnectionId connectionId, String stream, RecordCounts counts) {
    }
}
