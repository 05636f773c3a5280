package com.amdahl.connections.application;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.Connection;

/**
 * Who may do what (CONTRACT section 3). Checks run in this order: scope (403
 * insufficient_scope), visibility (404, identical to a missing id), then role or ownership
 * (403 forbidden).
 */
public final class Permissions {
    private Permissions() {
    }

    /** A workspace member's token with the scope; platform-admin tokens may only call admin routes. */
    public static void requireScope(Principal principal, TokenScope scope) {
        if (principal.platformAdmin()) {
            throw new ConnectionsException(ErrorCode.FORBIDDEN, "Platform-admin tokens may only call /api/admin routes");
        }
        if (!principal.has(scope)) {
            throw new ConnectionsException(ErrorCode.INSUFFICIENT_SCOPE, "The token lacks the " + scope.wire() + " scope");
        }
    }

    public static void requirePlatformAdmin(Principal principal) {
        if (!principal.platformAdmin()) {
            throw new ConnectionsException(ErrorCode.FORBIDDEN, "Only platform admins may do this");
        }
    }

    /** A member sees every workspace connection and their own personal ones; an admin sees all. */
    public static boolean canSee(Principal principal, Connection connection, Connector connector) {
        if (principal.platformAdmin() || !connection.workspaceId().equals(principal.workspaceId())) {
            return false;
        }
        return principal.isAdmin() || !connector.isPersonal()
                || principal.userId().equals(connection.profile().ownerUserId());
    }

    /** Connect: workspace connectors by admins; personal connectors by any member, for themselves. */
    public static void requireMayConnect(Principal principal, Connector connector) {
        if (!connector.isPersonal() && !principal.isAdmin()) {
            throw forbidden("Only workspace admins may connect workspace connectors");
        }
    }

    /**
     * Manage (disconnect, pause, resume, sync, rename): admins for workspace connections; the
     * owner or an admin for personal ones.
     */
    public static void requireMayManage(Principal principal, Connection connection, Connector connector) {
        if (mayManage(principal, connection, connector)) {
            return;
        }
        throw forbidden(connector.isPersonal() ? "Only the owner or an admin may manage this connection"
                : "Only workspace admins may manage workspace connections");
    }

    /** See {@link #requireMayManage}. */
    public static boolean mayManage(Principal principal, Connection connection, Connector connector) {
        return principal.isAdmin()
                || connector.isPersonal() && principal.userId().equals(connection.profile().ownerUserId());
    }

    /** See {@link #requireMayReconnect}. */
    public static boolean mayReconnect(Principal principal, Connection connection, Connector connector) {
        return connector.isPersonal() ? principal.userId().equals(connection.profile().ownerUserId())
                : principal.isAdmin();
    }

    /** A full refresh (dropping the stored stream cursors for one run) is an admin's call. */
    public static void requireMayFullRefresh(Principal principal) {
        if (!principal.isAdmin()) {
            throw forbidden("Only workspace admins may ask for a full refresh");
        }
    }

    /** Applying deletes the mass-delete guard held is an admin's call. */
    public static void requireMayConfirmDeletes(Principal principal) {
        if (!principal.isAdmin()) {
            throw forbidden("Only workspace admins may confirm held deletes");
        }
    }

    /** Purging a connection's records and erasing a data subject are an admin's calls. */
    public static void requireMayRemoveRecords(Principal principal) {
        if (!principal.isAdmin()) {
            throw forbidden("Only workspace admins may purge or erase records");
        }
    }

    /** Reconnect re-authorizes: admins for workspace connections; only the owner for personal ones. */
    public static void requireMayReconnect(Principal principal, Connection connection, Connector connector) {
        if (connector.isPersonal()) {
            if (!principal.userId().equals(connection.profile().ownerUserId())) {
                throw forbidden("Only the owner may re-authorize a personal connection");
            }
            return;
        }
        if (!principal.isAdmin()) {
            throw forbidden("Only workspace admins may reconnect workspace connections");
        }
    }

    /** Re-attributing a personal connection to another member is an admin's call. */
    public static void requireMayReassignOwner(Principal principal) {
        if (!principal.isAdmin()) {
            throw forbidden("Only workspace admins may re-attribute a connection");
        }
    }

    /**
     * Records of a connection the caller sees (checked first): a personal connection's (a mailbox)
     * are its owner's alone, even for an admin; a workspace connection's, every member's.
     */
    public static void requireMayReadRecords(Principal principal, Connection connection, Connector connector) {
        if (connector.isPersonal() && !principal.userId().equals(connection.profile().ownerUserId())) {
            throw forbidden("Only the owner may read a personal connection's records");
        }
    }

    private static ConnectionsException forbidden(String message) {
        return new ConnectionsException(ErrorCode.FORBIDDEN, message);
    }
}
