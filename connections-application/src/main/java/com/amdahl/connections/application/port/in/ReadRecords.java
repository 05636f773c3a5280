package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.view.Document;

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
}
