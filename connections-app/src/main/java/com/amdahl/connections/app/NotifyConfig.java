package com.amdahl.connections.app;

import com.amdahl.connections.adapter.persistence.PersistenceAdapter;
import com.amdahl.connections.adapter.providers.notify.NotificationHttp;
import com.amdahl.connections.application.ConnectionsApplication;
import com.amdahl.connections.application.NotificationSettings;
import com.amdahl.connections.application.NotificationWorker;
import com.amdahl.connections.application.port.out.NotificationPorts;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Outbound notifications from the {@code CONNECTIONS_NOTIFY_*} variables: where they may go, and
 * whether this process runs a delivery worker (any number of processes may; each notification is
 * delivered once).
 */
record NotifyConfig(boolean allowHttp, boolean allowPrivate, boolean worker, int senders, Duration tick,
        Duration timeout) {

    static NotifyConfig from(Map<String, String> env) {
        return new NotifyConfig(
                flag(env, "CONNECTIONS_NOTIFY_ALLOW_HTTP", "false"),
                flag(env, "CONNECTIONS_NOTIFY_ALLOW_PRIVATE", "false"),
                flag(env, "CONNECTIONS_NOTIFY_WORKER", "on"),
                senders(env.getOrDefault("CONNECTIONS_NOTIFY_SENDERS", "2")),
                duration(env, "CONNECTIONS_NOTIFY_TICK", "PT1S"),
                duration(env, "CONNECTIONS_NOTIFY_TIMEOUT", "PT10S"));
    }

    /** The ports and settings the application builder takes. */
    ConnectionsApplication.Builder wire(ConnectionsApplication.Builder builder, PersistenceAdapter persistence) {
        return builder.notifications(new NotificationPorts(persistence.notificationEndpoints(),
                        persistence.notificationOutbox(), persistence.staleMarks(), NotificationHttp.sender(timeout)),
                NotificationSettings.defaults().withAllowHttp(allowHttp).withAllowPrivate(allowPrivate));
    }

    /** The started worker, or null when this process does not deliver. */
    NotificationWorker startWorker(ConnectionsApplication app) {
        return worker ? app.startNotificationWorker(senders, tick) : null;
    }

    private static boolean flag(Map<String, String> env, String name, String fallback) {
        return switch (env.getOrDefault(name, fallback).strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "1" -> true;
            case "off", "false", "0" -> false;
            default -> throw new ConfigurationException(name + " must be true or false");
        };
    }

    private static int senders(String value) {
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < 1 || parsed > 64) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigurationException("CONNECTIONS_NOTIFY_SENDERS must be an integer from 1 to 64");
        }
    }

    private static Duration duration(Map<String, String> env, String name, String fallback) {
        try {
            Duration duration = Duration.parse(env.getOrDefault(name, fallback).strip());
            if (duration.isNegative() || duration.isZero()) {
                throw new ConfigurationException(name + " must be positive");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(name + " must be an ISO-8601 duration such as PT1S");
        }
    }
}
