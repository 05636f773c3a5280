package com.amdahl.connections.application.service;

import com.amdahl.connections.application.NotificationSettings;
import com.amdahl.connections.application.port.in.DeliverNotifications;
import com.amdahl.connections.application.port.out.NotificationDelivery;
import com.amdahl.connections.application.port.out.NotificationDelivery.State;
import com.amdahl.connections.application.port.out.NotificationPorts;
import com.amdahl.connections.application.port.out.Telemetry;
import com.amdahl.connections.application.port.out.NotificationSender.Response;
import com.amdahl.connections.application.port.out.StaleMarks.Candidate;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.health.Health;
import com.amdahl.connections.domain.health.HealthReport;
import com.amdahl.connections.domain.notification.DeliveryBackoff;
import com.amdahl.connections.domain.notification.NotificationEndpoint;
import com.amdahl.connections.domain.notification.NotificationType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.logging.Logger;

/**
 * Sends what the outbox holds. Each claimed delivery is signed like our inbound webhooks
 * ({@code sha256=} HMAC-SHA256 of {@code "<timestamp>.<body>"}) and POSTed once; a failure is
 * retried with {@link DeliveryBackoff} until 24 hours after the notification was written, then
 * marked failed. An endpoint failing for three days is turned off, and the workspace's other
 * endpoints are told. Also sweeps for connections that turned stale by the passage of time.
 */
final class NotificationDeliveryService implements DeliverNotifications {
    private static final Logger LOG = Logger.getLogger(NotificationDeliveryService.class.getName());
    /** Bodies above this are never sent (the limit our own API accepts). */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_ERROR_LENGTH = 200;
    /** The delivery log keeps finished deliveries this long. */
    static final Duration KEEP_HISTORY = Duration.ofDays(30);
    static final int PURGE_BATCH = 500;

    private final ConnectionStore store;
    private final NotificationPorts ports;
    private final TargetPolicy targets;
    private final NotificationSettings settings;
    private final DoubleSupplier jitter;
    private final Telemetry telemetry;
    private final String owner = UUID.randomUUID().toString();

    NotificationDeliveryService(ConnectionStore store, NotificationPorts ports, TargetPolicy targets,
            NotificationSettings settings, DoubleSupplier jitter, Telemetry telemetry) {
        this.store = store;
        this.ports = ports;
        this.targets = targets;
        this.settings = settings;
        this.jitter = jitter == null ? () -> ThreadLocalRandom.current().nextDouble() : jitter;
        this.telemetry = telemetry;
    }

    @Override
    public int deliverDue(int max) {
        Instant now = store.now();
        List<NotificationDelivery> claimed = ports.outbox().claimDue(now, owner, now.plus(settings.lease()), max);
        for (NotificationDelivery delivery : claimed) {
            attempt(delivery);
        }
        return claimed.size();
    }

    @Override
    public int purgeHistory() {
        Instant cutoff = store.now().minus(KEEP_HISTORY);
        int purged = 0;
        int batch;
        do {
            batch = ports.outbox().purgeFinishedBefore(cutoff, PURGE_BATCH);
            purged += batch;
        } while (batch == PURGE_BATCH);
        return purged;
    }

    @Override
    public long pendingCount() {
        return ports.outbox().pendingCount();
    }

    private void attempt(NotificationDelivery delivery) {
        Optional<NotificationEndpoint> endpoint = ports.endpoints().find(delivery.workspaceId(), delivery.endpointId());
        if (endpoint.isEmpty()) {
            return; // deleted meanwhile: its deliveries went with it
        }
        Attempt result = send(endpoint.get(), delivery);
        Instant now = store.now();
        if (result.response().succeeded()) {
            ports.outbox().recordAttempt(delivery.id(), owner, State.DELIVERED, result.response().statusCode(), null,
                    null, now);
            telemetry.notificationDelivery("delivered");
            if (endpoint.get().failingSince() != null) {
                ports.endpoints().recordSuccess(delivery.workspaceId(), delivery.endpointId());
            }
            return;
        }
        Optional<Instant> next = result.retryable()
                ? DeliveryBackoff.nextAttempt(delivery.attempts() + 1, delivery.createdAt(), now, jitter.getAsDouble())
                : Optional.empty();
        ports.outbox().recordAttempt(delivery.id(), owner, next.isPresent() ? State.PENDING : State.FAILED,
                result.response().statusCode(), result.error(), next.orElse(null), now);
        telemetry.notificationDelivery(next.isPresent() ? "retrying" : "failed");
        recordEndpointFailure(endpoint.get(), now);
    }

    private void recordEndpointFailure(NotificationEndpoint endpoint, Instant now) {
        ports.endpoints().recordFailure(endpoint.workspaceId(), endpoint.id(), now);
        NotificationEndpoint streak = ports.endpoints().find(endpoint.workspaceId(), endpoint.id()).orElse(null);
        if (streak == null || !streak.shouldDisable(now)) {
            return;
        }
        store.unitOfWork.run(() -> {
            if (ports.endpoints().disable(endpoint.workspaceId(), endpoint.id(), NotificationEndpoint.DISABLED_FAILING, now)) {
                store.notifier.onEndpointDisabled(ports.endpoints().find(endpoint.workspaceId(), endpoint.id())
                        .orElse(streak), now);
            }
        });
        LOG.warning("notification endpoint " + endpoint.id() + " of workspace " + endpoint.workspaceId()
                + " failed for " + NotificationEndpoint.DISABLE_AFTER.toDays() + " days and was disabled");
    }

    /** A ping, sent now and logged with its outcome; never retried. */
    NotificationDelivery ping(NotificationEndpoint endpoint) {
        Instant now = store.now();
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpoint_id", endpoint.id().value());
        String body = Notifier.body(eventId, NotificationType.PING, now, endpoint.workspaceId(), null, data);
        NotificationDelivery pending = NotificationDelivery.pending(UUID.randomUUID().toString(), eventId,
                endpoint.workspaceId(), endpoint.id(), null, NotificationType.PING, body, now);
        Attempt result = send(endpoint, pending);
        Instant done = store.now();
        NotificationDelivery logged = new NotificationDelivery(pending.id(), eventId, endpoint.workspaceId(),
                endpoint.id(), null, NotificationType.PING, body,
                result.response().succeeded() ? State.DELIVERED : State.FAILED, 1, null,
                result.response().statusCode(), result.response().succeeded() ? null : result.error(), now, done);
        ports.outbox().enqueue(logged);
        return logged;
    }

    /** One POST, or the reason none was made; {@code retryable} is false for what time cannot fix. */
    private record Attempt(Response response, String error, boolean retryable) {
        static Attempt refused(String error, boolean retryable) {
            return new Attempt(new Response(null, error), error, retryable);
        }
    }

    private Attempt send(NotificationEndpoint endpoint, NotificationDelivery delivery) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        if (body.length > MAX_BODY_BYTES) {
            return Attempt.refused("the body is larger than 64 KiB and is never sent", false);
        }
        Optional<String> urlRefusal = targets.refusal(endpoint.url());
        if (urlRefusal.isPresent()) {
            return Attempt.refused("url " + urlRefusal.get(), true);
        }
        URI url = URI.create(endpoint.url());
        Optional<String> addressRefusal = targets.refusal(ports.sender().resolve(url.getHost()));
        if (addressRefusal.isPresent()) {
            return Attempt.refused(addressRefusal.get(), true);
        }
        Optional<String> secret = ports.endpoints().signingSecret(endpoint.workspaceId(), endpoint.id());
        if (secret.isEmpty()) {
            return Attempt.refused("the signing secret could not be read", true);
        }
        long timestamp = store.now().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "amdahl-connections-notifications/1");
        headers.put("X-Connections-Timestamp", Long.toString(timestamp));
        headers.put("X-Connections-Signature", "sha256=" + HexFormat.of().formatHex(WebhookService.hmac(secret.get(),
                (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body)));
        headers.put("X-Connections-Delivery", delivery.eventId());
        headers.put("X-Connections-Event", delivery.type().wire());
        Response response = ports.sender().post(url, headers, body);
        if (response.succeeded()) {
            return new Attempt(response, null, true);
        }
        String error = response.statusCode() == null ? response.error()
                : response.statusCode() >= 300 && response.statusCode() < 400
                        ? "answered " + response.statusCode() + "; redirects are not followed"
                        : "answered " + response.statusCode();
        return new Attempt(response, truncate(error), true);
    }

    private static String truncate(String error) {
        String text = error == null ? "delivery failed" : error;
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }

    @Override
    public int sweepStale(int max) {
        Instant now = store.now();
        Instant cutoff = now.minus(store.healthPolicy.freshnessThreshold());
        int announced = 0;
        for (Candidate candidate : ports.staleMarks().unmarkedStaleCandidates(cutoff, max)) {
            boolean did = store.transact(() -> {
                Connection connection = store.connections.find(candidate.workspaceId(), candidate.connectionId())
                        .orElse(null);
                if (connection == null || ports.staleMarks().isMarked(connection.workspaceId(), connection.id())) {
                    return false;
                }
                HealthReport health = store.healthPolicy.evaluate(connection, now);
                if (health.health() != Health.STALE) {
                    return false;
                }
                // No fact changes, but the version moves: a write racing this sweep retries after it, so
                // the connection's notifications keep their order.
                Connection touched = store.connections.update(connection);
                store.notifier.onStale(touched, health, now);
                return true;
            });
            announced += did ? 1 : 0;
        }
        return announced;
    }
}
