package com.amdahl.connections.application.port.out;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Sends one signed notification over HTTP: a POST with a short timeout that follows no redirect.
 * Implemented in an adapter; the application decides where it may go and what it says.
 */
public interface NotificationSender {
    /** The addresses {@code host} resolves to now (empty when it does not resolve). */
    List<InetAddress> resolve(String host);

    /** What came back: a status code, or an error (timeout, refused connection) and no code. */
    record Response(Integer statusCode, String error) {
        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    Response post(URI url, Map<String, String> headers, byte[] body);
}
