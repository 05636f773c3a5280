package com.amdahl.connections.application;

import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The one rule for what a caller may do next with a connection ({@code available_actions}): an
 * action is listed exactly when the use case would accept it from this caller now and it would
 * change something. Role and ownership come from {@link Permissions}, status from the aggregate's
 * transitions, {@code syncable} from the catalog. A token without {@code connections:write} may do
 * nothing. Sync is not offered while a run is in flight (it would only be recorded as
 * {@code skipped_locked}), nor for demo data (a sample connection never syncs); neither is a
 * test of a sample's made-up credentials, nor their reconnect.
 */
public final class AvailableActions {
    private AvailableActions() {
    }

    /** The actions in {@link ConnectionAction} order. */
    public static List<ConnectionAction> of(Principal principal, Connection connection, Connector connector,
            boolean syncable) {
        List<ConnectionAction> actions = new ArrayList<>();
        if (principal.platformAdmin() || !principal.has(TokenScope.CONNECTIONS_WRITE)) {
            return actions;
        }
        boolean manage = Permissions.mayManage(principal, connection, connector);
        ConnectionStatus status = connection.status();
        boolean live = status != ConnectionStatus.DISCONNECTED;
        if (manage && syncable && !connection.profile().sample() && connection.acceptsRuns() && !connection.sync().hasRunInFlight()) {
            actions.add(ConnectionAction.SYNC);
            if (principal.isAdmin()) {
                actions.add(ConnectionAction.FULL_REFRESH);
            }
            if (principal.isAdmin() && heldDeletes(connection)) {
                actions.add(ConnectionAction.CONFIRM_DELETES);
            }
        }
        if (manage && (status == ConnectionStatus.CONNECTED || status == ConnectionStatus.SYNCING
                || status == ConnectionStatus.ERROR) && !connection.authorizationNeverCompleted()) {
            actions.add(ConnectionAction.PAUSE);
        }
        if (manage && status == ConnectionStatus.PAUSED) {
            actions.add(ConnectionAction.RESUME);
        }
        if (Permissions.mayReconnect(principal, connection, connector) && connection.isReconnectable()) {
            actions.add(ConnectionAction.RECONNECT);
        }
        if (manage && hasCredentialsToTest(connection, connector)) {
            actions.add(ConnectionAction.TEST);
        }
        if (manage && live) {
            actions.add(ConnectionAction.RENAME);
        }
        if (principal.isAdmin() && connector.isPersonal() && live) {
            actions.add(ConnectionAction.REASSIGN_OWNER);
        }
        if (manage && live) {
            actions.add(ConnectionAction.DISCONNECT);
        }
        return actions;
    }

    /** Whether the connection's last run held deletes back for an admin to confirm. */
    public static boolean heldDeletes(Connection connection) {
        return connection.sync().lastOutcome() != null && connection.sync().lastOutcome().deletesHeld() > 0;
    }

    /**
     * Whether a connection test has something to call: an authorized, live connection whose
     * credentials a provider checks (webhook deliveries are signed instead). The test use case
     * refuses exactly the others.
     */
    public static boolean hasCredentialsToTest(Connection connection, Connector connector) {
        ConnectionStatus status = connection.status();
        return !connection.profile().sample() && status != ConnectionStatus.DISCONNECTED && status != ConnectionStatus.PENDING
                && connection.lifecycle().connectedAt() != null && connector.authMethod() != AuthMethod.WEBHOOK;
    }
}
