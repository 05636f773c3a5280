package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.domain.connection.ConnectionId;
import com.amdahl.connections.domain.sync.SyncRun;
import java.util.Optional;

/** The writes on an established connection other than connect and reconnect. */
public interface ManageConnection {
    /** Disconnects (idempotent), erasing the credentials and keeping the row and its history. */
    ConnectionView disconnect(Principal principal, ConnectionId id);

    /** Renames and/or re-attributes. {@code owner} empty leaves it; present with null clears it. */
    ConnectionView update(Principal principal, ConnectionId id, String name, Optional<String> owner);

    ConnectionView pause(Principal principal, ConnectionId id);

    ConnectionView resume(Principal principal, ConnectionId id);

    /** On-demand refresh: the pending run it dispatched, or a skipped_locked run when one is in flight. */
    SyncRun requestSync(Principal principal, ConnectionId id);
}
