package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.in.ReceiveWebhook;
import com.amdahl.connections.application.port.out.CredentialVault;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.RecordSink.SyncedRecord;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Verifies signed webhook deliveries and stores them as records of the {@code events} stream. */
final class WebhookService implements ReceiveWebhook {
    static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);
    static final String STREAM = "events";

    private final ConnectionStore store;
    private final CredentialVault vault;
    private final RecordSink sink;

    WebhookService(ConnectionStore store, CredentialVault vault, RecordSink sink) {
        this.store = store;
        this.vault = vault;
        this.sink = sink;
    }

    @Override
    public String receive(String workspaceId, String connectionId, String timestamp, String signature,
            String deliveryId, byte[] body) {
        Connection connection = find(workspaceId, connectionId).orElseThrow(ConnectionStore::notFound);
        String secret = vault.load(connection.workspaceId(), connection.id())
                .flatMap(c -> c.get(Credentials.SIGNING_SECRET)).orElseThrow(ConnectionStore::notFound);
        verify(secret, timestamp, signature, body);
        String id = deliveryId != null && deliveryId.matches("[A-Za-z0-9._:-]{1,200}") ? deliveryId
                : Secrets.sha256Hex(new String(body, StandardCharsets.ISO_8859_1));
        String json = new String(body, StandardCharsets.UTF_8);
        store.transact(() -> {
            Connection current = store.connections.find(connection.workspaceId(), connection.id())
                    .orElseThrow(ConnectionStore::notFound);
            Connection delivered = current.recordDelivery(store.now());
            store.connections.update(delivered);
            sink.write(connection.workspaceId(), connection.id(), STREAM, List.of(new SyncedRecord(id, json)));
            store.recordHealthChange(current, delivered, null, store.now());
            return null;
        });
        return id;
    }

    private Optional<Connection> find(String workspaceId, String connectionId) {
        try {
            return store.connections.find(new WorkspaceId(workspaceId), new ConnectionId(connectionId))
                    .filter(c -> store.catalog.find(c.connectorType())
                            .map(connector -> connector.authMethod() == AuthMethod.WEBHOOK).orElse(false));
        } catch (IllegalArgumentException | NullPointerException malformed) {
            return Optional.empty();
        }
    }

    private void verify(String secret, String timestamp, String signature, byte[] body) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp.strip());
        } catch (NumberFormatException e) {
            throw refused("the timestamp header is missing or not Unix seconds");
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        if (Duration.between(sent, store.now()).abs().compareTo(REPLAY_WINDOW) > 0) {
            throw refused("the timestamp is outside the 5-minute replay window");
        }
        byte[] expected = hmac(secret, (seconds + ".").getBytes(StandardCharsets.US_ASCII), body);
        byte[] given = parseSignature(signature);
        if (given == null || !MessageDigest.isEqual(expected, given)) {
            throw refused("the signature does not match");
        }
    }

    /** {@code sha256=<hex>} as sent in the signature header. */
    private static byte[] parseSignature(String header) {
        if (header == null || !header.startsWith("sha256=") || header.length() != 7 + 64) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(header.substring(7));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] hmac(String secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", impossible);
        }
    }

    private static ConnectionsException refused(String why) {
        return new ConnectionsException(ErrorCode.INVALID_SIGNATURE, "Delivery refused: " + why);
    }
}
