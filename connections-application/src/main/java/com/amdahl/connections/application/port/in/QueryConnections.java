package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.domain.connection.ConnectionEvent;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;
import java.util.List;

/**
 * The reads of established connections. Ids the caller may not see are reported exactly like ids
 * that do not exist ({@code connection_not_found}).
 */
public interface QueryConnections {
    int DEFAULT_LIMIT = 25;
    int MAX_LIMIT = 100;

    /** Every connection the caller may see, newest first, each with its last run and health. */
    List<ConnectionView> list(Principal principal);

    ConnectionView get(Principal principal, ConnectionId id);

    /** Runs newest first; {@code limit} null means 25, above 100 is capped, below 1 is refused. */
    List<SyncRun> runs(Principal principal, ConnectionId id, Integer limit);

    /** Audit events newest first; limit as for runs. */
    List<ConnectionEvent> events(Principal principal, ConnectionId id, Integer limit);
}
