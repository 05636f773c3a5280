package com.amdahl.connections.application.port.in;

/**
 * What connect or reconnect answers. {@code mode} is {@code oauth_redirect} (with
 * {@code authorizeUrl}), {@code connected}, {@code webhook} (with the URL and the signing secret,
 * shown this once) or {@code already_connected} (with {@code existingId} and no view).
 */
public record ConnectOutcome(Mode mode, ConnectionView connection, String authorizeUrl, String existingId,
        String webhookUrl, String signingSecret) {

    /** How the connect went. */
    public enum Mode {
        OAUTH_REDIRECT, CONNECTED, WEBHOOK, ALREADY_CONNECTED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static ConnectOutcome redirect(ConnectionView view, String authorizeUrl) {
        return new ConnectOutcome(Mode.OAUTH_REDIRECT, view, authorizeUrl, null, null, null);
    }

    public static ConnectOutcome connected(ConnectionView view) {
        return new ConnectOutcome(Mode.CONNECTED, view, null, null, null, null);
    }

    public static ConnectOutcome webhook(ConnectionView view, String url, String secret) {
        return new ConnectOutcome(Mode.WEBHOOK, view, null, null, url, secret);
    }

    public static ConnectOutcome alreadyConnected(String existingId) {
        return new ConnectOutcome(Mode.ALREADY_CONNECTED, null, null, existingId, null, null);
    }

    /** Whether this answer created a row (201) rather than found one (200). */
    public boolean created() {
        return mode != Mode.ALREADY_CONNECTED;
    }

    @Override
    public String toString() {
        return "ConnectOutcome[mode=" + mode.wire() + ", existingId=" + existingId + "]";
    }
}
