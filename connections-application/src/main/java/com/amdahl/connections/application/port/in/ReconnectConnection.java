package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.domain.workspace.ConnectionId;

/** Restores a connection in error, needing re-authorization or disconnected, in place on its row. */
public interface ReconnectConnection {
    /** {@code apiKey} for API-key connectors, {@code returnTo} for OAuth; handle connectors need neither. */
    ConnectOutcome reconnect(Principal principal, ConnectionId id, String apiKey, String returnTo);

    /**
     * As an adapter asks: the id as the caller wrote it (one that cannot exist is not found, after
     * the scope check) and the body read on demand.
     */
    ConnectOutcome reconnect(Principal principal, String id, Body<Reauthorization> body);

    /** What a reconnect brings: {@code apiKey} for API-key connectors, {@code returnTo} for OAuth. */
    record Reauthorization(String apiKey, String returnTo) {
    }
}
