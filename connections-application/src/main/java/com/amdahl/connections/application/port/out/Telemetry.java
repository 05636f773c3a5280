package com.amdahl.connections.application.port.out;

import java.time.Duration;

/**
 * Where the application and the provider adapter report what happened, for metrics (and the log
 * context of a run's worker thread). Every label
 * is a bounded value (a connector type, a provider name, a status, a reason): never a workspace,
 * connection, user id or a token. Every method is a no-op by default, so an embedder who does not
 * want metrics passes nothing.
 */
public interface Telemetry {
    /** Reports nothing. */
    Telemetry NONE = new Telemetry() {
    };

    /** A run reached {@code completed} or {@code failed}; {@code errorReason} is null unless it failed. */
    default void runFinished(String connectorType, String status, String errorReason, Duration duration,
            long recordsWritten) {
    }

    /**
     * One HTTP exchange with a provider: {@code outcome} is {@code ok}, {@code rate_limited},
     * {@code server_error}, {@code client_error}, {@code error_in_body} (a 2xx carrying an error, as
     * Slack and Fireflies answer), {@code timeout} or {@code connection_error}.
     */
    default void providerCall(String provider, String outcome, Duration latency) {
    }

    /** An OAuth token refresh: {@code outcome} is {@code ok}, {@code rejected} or {@code failed}. */
    default void tokenRefresh(String connectorType, String outcome) {
    }

    /**
     * The run a worker thread is executing from now on, so what it logs can carry the ids (an MDC);
     * {@code connectionId} is null until known, and all three are null when the thread is done.
     */
    default void runContext(String workspaceId, String connectionId, String runId) {
    }

    /** A "Test connection": {@code outcome} is {@code ok}, {@code rejected} or {@code unavailable}. */
    default void credentialTest(String connectorType, String outcome) {
    }

    /**
     * One attempt to deliver a health notification: {@code outcome} is {@code delivered},
     * {@code retrying} (failed, another attempt is scheduled) or {@code failed} (given up).
     */
    default void notificationDelivery(String outcome) {
    }

    /** A request of {@code connectorType} waited {@code waited} for its provider account's budget before it was sent. */
    default void budgetWait(String connectorType, Duration waited) {
    }

    /** A provider of {@code connectorType} refused a request for its rate limit (a 429 or the provider's variant). */
    default void providerRateLimited(String connectorType) {
    }
}
