package com.amdahl.connections.application.port.out;

import java.util.Objects;

/** Everything outbound notifications need from storage and the network. */
public record NotificationPorts(NotificationEndpointStore endpoints, NotificationOutbox outbox, StaleMarks staleMarks,
        NotificationSender sender) {
    public NotificationPorts {
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(staleMarks, "staleMarks");
        Objects.requireNonNull(sender, "sender");
    }
}
