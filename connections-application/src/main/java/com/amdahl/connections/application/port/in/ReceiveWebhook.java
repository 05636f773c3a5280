package com.amdahl.connections.application.port.in;

/**
 * Accepts a signed delivery at a webhook connection's URL (CONTRACT section 2): HMAC-SHA256 of
 * {@code "<timestamp>.<raw body>"} with the connection's signing secret, compared in constant time;
 * the timestamp (Unix seconds) must be within 5 minutes of now. Authenticated by the signature
 * alone: an unknown connection, another workspace's, or a non-webhook one is not found.
 */
public interface ReceiveWebhook {
    String TIMESTAMP_HEADER = "X-Connections-Timestamp";
    String SIGNATURE_HEADER = "X-Connections-Signature";
    /** Optional: the sender's delivery id; a repeated id overwrites the same record. */
    String DELIVERY_HEADER = "X-Connections-Delivery";

    /** Verifies and stores the delivery; returns the id it was stored under. */
    String receive(String workspaceId, String connectionId, String timestamp, String signature, String deliveryId,
            byte[] body);
}
