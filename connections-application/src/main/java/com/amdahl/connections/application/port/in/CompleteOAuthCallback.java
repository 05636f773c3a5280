package com.amdahl.connections.application.port.in;

/**
 * Finishes an OAuth redirect flow. Authenticated by {@code state} alone (no bearer token): the
 * state is looked up server-side, must be unused and unexpired, and is consumed.
 */
public interface CompleteOAuthCallback {
    /** {@code code} or {@code error} is set, as the provider sent them. */
    CallbackOutcome complete(String state, String code, String error);

    /**
     * Where the browser goes: {@code redirectUrl} (the first-party return_to with
     * {@code ?connected=} or {@code ?connection_error=}) or, when null, the service's own page
     * showing {@code connectorType} or {@code errorCode}.
     */
    record CallbackOutcome(boolean succeeded, String connectorType, String errorCode, String redirectUrl) {
    }
}
