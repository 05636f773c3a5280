package com.amdahl.connections.application.service;

import com.amdahl.connections.application.port.out.RecordFeed;

import com.amdahl.connections.application.port.out.NotificationDelivery;
import com.amdahl.connections.application.port.out.NotificationEndpointStore;
import com.amdahl.connections.application.port.out.NotificationOutbox;
import com.amdahl.connections.application.port.out.NotificationPorts;
import com.amdahl.connections.application.port.out.StaleMarks;
import com.amdahl.connections.application.view.JsonShapes;
import com.amdahl.connections.application.view.JsonText;
import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionEventType;
import com.amdahl.connections.domain.health.Health;
import com.amdahl.connections.domain.health.HealthFacts;
import com.amdahl.connections.domain.health.HealthPolicy;
import com.amdahl.connections.domain.health.HealthReport;
import com.amdahl.connections.domain.notification.HealthChangeRule;
import com.amdahl.connections.domain.notification.NotificationEndpoint;
import com.amdahl.connections.domain.notification.NotificationType;
import com.amdahl.connections.domain.sync.SyncRun;
import com.amdahl.connections.domain.sync.SyncRunStatus;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns what happened to a connection into notifications in the outbox. Called inside the unit of
 * work of the change (through {@link ConnectionStore}), so a notification is stored exactly when
 * its cause is: both commit or neither does. Without notification ports it does nothing.
 */
final class Notifier {
    private final NotificationEndpointStore endpoints;
    private final NotificationOutbox outbox;
    private final StaleMarks staleMarks;
    private final HealthPolicy healthPolicy;

    private final RecordFeed feed; // null: records are kept by the embedder; no records.changed
    /** Each run in flight here: the connection's last feed position when it began (its cursor). */
    private final Map<String, Long> positionsAtStart = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > 10_000; // a run reaped by another instance never finishes here
        }
    });

    Notifier(NotificationPorts ports, HealthPolicy healthPolicy, RecordFeed feed) {
        this.feed = feed;
        this.endpoints = ports == null ? null : ports.endpoints();
        this.outbox = ports == null ? null : ports.outbox();
        this.staleMarks = ports == null ? null : ports.staleMarks();
        this.healthPolicy = healthPolicy;
    }

    boolean enabled() {
        return endpoints != null;
    }

    /** The audit events that are also notifications. */
    void onEvent(Connection connection, ConnectionEventType type, Map<String, Object> details, Instant at) {
        NotificationType notification = switch (type) {
            case DISCONNECTED -> NotificationType.CONNECTION_DISCONNECTED;
            case RECONNECTED -> NotificationType.CONNECTION_RECONNECTED;
            case CREDENTIALS_REJECTED -> NotificationType.CONNECTION_CREDENTIALS_REJECTED;
            case CONNECTED, UPDATED, PAUSED, RESUMED, HEALTH_CHANGED, CREDENTIALS_REFRESHED, CREDENTIALS_TESTED,
                    RECORDS_PURGED, RECORDS_ERASED -> null;
        };
        if (notification != null && enabled()) {
            publish(connection, notification, details, at);
        }
    }

    /**
     * A write moved the connection from {@code before} to {@code after}: notifies when its settled
     * health changed in a way that matters ({@link HealthChangeRule}), keeping the stale mark in step.
     */
    void onHealthChange(Connection before, Connection after, Instant now) {
        if (!enabled()) {
            return;
        }
        Health settledBefore = settled(before, now).health();
        HealthReport settledAfter = settled(after, now);
        if (settledBefore == settledAfter.health() && settledBefore != Health.STALE) {
            return; // the routine of every run: nothing to read or write
        }
        boolean announced = (settledBefore == Health.STALE || settledBefore == Health.HEALTHY
                || settledAfter.health() == Health.STALE)
                && staleMarks.isMarked(after.workspaceId(), after.id());
        Health from = HealthChangeRule.announcedFrom(settledBefore, announced);
        Health to = settledAfter.health();
        if (!HealthChangeRule.matters(from, to)) {
            return;
        }
        if (to == Health.STALE) {
            staleMarks.mark(after.workspaceId(), after.id(), now);
        } else if (from == Health.STALE) {
            staleMarks.unmark(after.workspaceId(), after.id());
        }
        publish(after, NotificationType.CONNECTION_HEALTH_CHANGED, healthData(from, settledAfter), now);
    }

    /** The sweep found a connection that turned stale by the passage of time. */
    void onStale(Connection connection, HealthReport stale, Instant now) {
        staleMarks.mark(connection.workspaceId(), connection.id(), now);
        publish(connection, NotificationType.CONNECTION_HEALTH_CHANGED, healthData(Health.HEALTHY, stale), now);
    }

    void onRunStep(Connection connection, SyncRun run, Instant now) {
        if (enabled() && feed != null && run.status() == SyncRunStatus.RUNNING) {
            positionsAtStart.putIfAbsent(run.id().value(), feed.lastPosition(connection.workspaceId(), connection.id()));
        }
        Long startedAfter = run.status().inFlight() ? null : positionsAtStart.remove(run.id().value());
        if (enabled() && feed != null && !run.status().inFlight() && run.recordsWritten() > 0) {
            onRecordsChanged(connection, run, startedAfter, now);
        }
        if (!enabled() || run.status() != SyncRunStatus.FAILED) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run_id", run.id().value());
        data.put("triggered_by", run.triggeredBy().wire());
        data.put("error_reason", run.errorReason() == null ? null : run.errorReason().wire());
        data.put("started_at", JsonShapes.time(run.startedAt()));
        data.put("finished_at", JsonShapes.time(run.finishedAt()));
        data.put("streams_total", run.streamsTotal());
        data.put("streams_failed", run.streamsFailed());
        publish(connection, NotificationType.RUN_FAILED, data, now);
    }

    /**
     * One {@code records.changed} per run that changed records; its cursor names the connection's
     * last position when the run began. An erasure may take positions between two of the run's
     * pages, so "the last {@code records_written} positions" could start after the run's first
     * change; the remembered position cannot. Only a run begun on another instance (reaped and
     * finished here) falls back to that count.
     */
    private void onRecordsChanged(Connection connection, SyncRun run, Long startedAfter, Instant now) {
        long from = startedAfter != null ? startedAfter
                : Math.max(0, feed.lastPosition(connection.workspaceId(), connection.id()) - run.recordsWritten());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run_id", run.id().value());
        data.put("records_added", run.records().added());
        data.put("records_updated", run.records().updated());
        data.put("records_deleted", run.records().deleted());
        List<Map<String, Object>> streams = new ArrayList<>();
        for (RecordFeed.StreamChanges changes : feed.changesSince(connection.workspaceId(), connection.id(), from)) {
            Map<String, Object> stream = new LinkedHashMap<>();
            stream.put("stream", changes.stream());
            stream.put("records_added", changes.added());
            stream.put("records_updated", changes.updated());
            stream.put("records_deleted", changes.deleted());
            streams.add(stream);
        }
        data.put("streams", streams);
        data.put("cursor", FeedCursor.encode(connection.id(), new RecordFeed.Position(from, "", "")));
        publish(connection, NotificationType.RECORDS_CHANGED, data, now);
    }

    /** Tells the workspace's other endpoints that one was turned off. */
    void onEndpointDisabled(NotificationEndpoint disabled, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpoint_id", disabled.id().value());
        data.put("url", disabled.url());
        data.put("reason", disabled.disabledReason());
        data.put("failing_since", JsonShapes.time(disabled.failingSince()));
        String eventId = UUID.randomUUID().toString();
        String body = body(eventId, NotificationType.ENDPOINT_DISABLED, now, disabled.workspaceId(), null, data);
        for (NotificationEndpoint endpoint : endpoints.subscribers(disabled.workspaceId(), NotificationType.ENDPOINT_DISABLED)) {
            if (!endpoint.id().equals(disabled.id())) {
                outbox.enqueue(NotificationDelivery.pending(UUID.randomUUID().toString(), eventId,
                        endpoint.workspaceId(), endpoint.id(), null, NotificationType.ENDPOINT_DISABLED, body, now));
            }
        }
    }

    HealthReport settled(Connection connection, Instant now) {
        return healthPolicy.evaluate(HealthChangeRule.settled(HealthFacts.of(connection)), now);
    }

    private void publish(Connection connection, NotificationType type, Map<String, Object> data, Instant at) {
        List<NotificationEndpoint> targets = endpoints.subscribers(connection.workspaceId(), type);
        if (targets.isEmpty()) {
            return;
        }
        String eventId = UUID.randomUUID().toString();
        String body = body(eventId, type, at, connection.workspaceId(), connectionJson(connection, at), data);
        for (NotificationEndpoint endpoint : targets) {
            outbox.enqueue(NotificationDelivery.pending(UUID.randomUUID().toString(), eventId, endpoint.workspaceId(),
                    endpoint.id(), connection.id(), type, body, at));
        }
    }

    private static Map<String, Object> healthData(Health from, HealthReport to) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", from.wire());
        data.put("to", to.health().wire());
        data.put("reason", to.detail().reason());
        data.put("next_action", to.detail().nextAction().wire());
        return data;
    }

    private Map<String, Object> connectionJson(Connection connection, Instant at) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", connection.id().value());
        json.put("connector_type", connection.connectorType());
        json.put("name", connection.profile().name());
        json.put("status", connection.status().wire());
        json.put("health", healthPolicy.evaluate(connection, at).health().wire());
        return json;
    }

    /** The body every receiver gets: {@code {id, type, occurred_at, workspace_id, connection, data}}. */
    static String body(String eventId, NotificationType type, Instant at, WorkspaceId workspaceId,
            Map<String, Object> connection, Map<String, Object> data) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", eventId);
        json.put("type", type.wire());
        json.put("occurred_at", JsonShapes.time(at));
        json.put("workspace_id", workspaceId.value());
        json.put("connection", connection);
        json.put("data", data);
        return JsonText.write(json);
    }
}
