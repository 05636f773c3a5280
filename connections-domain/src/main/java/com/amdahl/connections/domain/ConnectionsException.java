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

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
