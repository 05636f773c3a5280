package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.workspace.ConnectionId;

/**
 * The writes on an established connection other than connect and reconnect. Each comes twice: with
 * a {@link ConnectionId}, and as an adapter asks, with the id as the caller wrote it and the body
 * (if any) read on demand. Either way the write decides, in this order, the scope (403), an id
 * that cannot exist (404), the body, visibility (404, like a missing id) and role or ownership
 * (403 {@code forbidden}).
 */
public interface ManageConnection {
    /** Disconnects (idempotent), erasing the credentials and keeping the row and its history. */
    ConnectionView disconnect(Principal principal, ConnectionId id);

    /** Renames and/or re-attributes (PATCH). */
    ConnectionView update(Principal principal, ConnectionId id, ConnectionUpdate update);

    /**
     * A PATCH body: {@code name} null leaves the name; {@code ownerGiven} false leaves the owner,
     * true sets it to {@code ownerUserId} (null clears it).
     */
    record ConnectionUpdate(String name, boolean ownerGiven, String ownerUserId) {
        public static ConnectionUpdate rename(String name) {
            return new ConnectionUpdate(name, false, null);
        }

        public static ConnectionUpdate owner(String ownerUserId) {
            return new ConnectionUpdate(null, true, ownerUserId);
        }
    }

    ConnectionView pause(Principal principal, ConnectionId id);

    ConnectionView resume(Principal principal, ConnectionId id);

    /** On-demand refresh: the pending run it dispatched, or a skipped_locked run when one is in flight. */
    default SyncRun requestSync(Principal principal, ConnectionId id) {
        return requestSync(principal, id, SyncOptions.NONE);
    }

    /**
     * On-demand refresh; with {@code fullRefresh} (admins only, else {@code forbidden}) the stored
     * stream cursors are dropped in the same transaction that records the pending run, so that run
     * pulls everything and stores fresh cursors. A skipped_locked answer leaves the cursors alone.
     */
    default SyncRun requestSync(Principal principal, ConnectionId id, boolean fullRefresh) {
        return requestSync(principal, id, new SyncOptions(fullRefresh, false));
    }

    /**
     * On-demand refresh with options; {@code confirmDeletes} (admins only, else {@code forbidden})
     * lets the run apply the deletes the mass-delete guard held (each held stream's next complete
     * pass applies them); harmless when none are held.
     */
    SyncRun requestSync(Principal principal, ConnectionId id, SyncOptions options);

    /** The body of {@code POST /connections/:id/sync}: {@code full_refresh}, {@code confirm_deletes}. */
    record SyncOptions(boolean fullRefresh, boolean confirmDeletes) {
        public static final SyncOptions NONE = new SyncOptions(false, false);
    }

    ConnectionView disconnect(Principal principal, String id);

    ConnectionView update(Principal principal, String id, Body<ConnectionUpdate> update);

    ConnectionView pause(Principal principal, String id);

    ConnectionView resume(Principal principal, String id);

    /** {@code options} is the body: {@code full_refresh}, {@code confirm_deletes}. */
    SyncRun requestSync(Principal principal, String id, Body<SyncOptions> options);
}
