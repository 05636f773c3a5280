package com.amdahl.connections.domain.notification;

import com.amdahl.connections.domain.WireNames;
import java.util.EnumSet;
import java.util.Set;

/** What an outbound notification tells its receiver; the wire name is the body's {@code type}. */
public enum NotificationType implements WireNames.Wired {
    CONNECTION_HEALTH_CHANGED("connection.health_changed"),
    CONNECTION_DISCONNECTED("connection.disconnected"),
    CONNECTION_RECONNECTED("connection.reconnected"),
    CONNECTION_CREDENTIALS_REJECTED("connection.credentials_rejected"),
    RUN_FAILED("run.failed"),
    /** A run changed stored records: counts and the feed cursor its changes start after. Only when asked for. */
    RECORDS_CHANGED("records.changed"),
    /** The endpoint itself was turned off after failing for days; sent to the workspace's other endpoints. */
    ENDPOINT_DISABLED("endpoint.disabled"),
    /** A test delivery asked for by an admin; never subscribed to. */
    PING("ping");

    private final String wire;

    NotificationType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The types an endpoint may subscribe to; an endpoint created without a list gets all of them. */
    public static Set<NotificationType> subscribable() {
        return EnumSet.complementOf(EnumSet.of(PING));
    }

    /** What an endpoint created without a list gets: every health-related type; records.changed must be asked for. */
    public static Set<NotificationType> defaults() {
        return EnumSet.complementOf(EnumSet.of(PING, RECORDS_CHANGED));
    }
}
