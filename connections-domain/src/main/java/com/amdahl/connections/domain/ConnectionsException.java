package com.amdahl.connections.domain;

import java.util.Map;
import java.util.Objects;

/**
 * The one unchecked root of every refusal the system makes. The message is safe to show to the
 * caller: it never carries a credential, token or secret.
 */
public class ConnectionsException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> details;

    public ConnectionsException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public ConnectionsException(ErrorCode code, String message, Map<String, Object> details) {
        super(message);
        this.code = Objects.requireNonNull(code);
        this.details = Map.copyOf(details);
    }

    /**
     * The one not-found answer (CONTRACT 9.11): identical for a missing id, an id the caller may not
     * see and another workspace's id, and it never echoes the id.
     */
    public static ConnectionsException connectionNotFound() {
        return new ConnectionsException(ErrorCode.CONNECTION_NOT_FOUND, "Connection not found");
    }

    /** Like {@link #connectionNotFound()}, for notification endpoints: one fixed body, never the id. */
    public static ConnectionsException notificationEndpointNotFound() {
        return new ConnectionsException(ErrorCode.NOTIFICATION_ENDPOINT_NOT_FOUND, "Notification endpoint not found");
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
