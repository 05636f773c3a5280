package com.amdahl.connections.app.ops;

import com.amdahl.connections.adapter.rest.RequestObserver;
import com.amdahl.connections.application.port.in.DeliverNotifications;
import com.amdahl.connections.application.port.in.ObserveOperations;
import com.amdahl.connections.application.port.out.Telemetry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * The process's metrics: one Prometheus registry with JVM meters, HTTP request timers, what the
 * application reports through {@link Telemetry}, and fleet gauges refreshed when scraped.
 */
public final class Metrics {
    /** The oldest fleet gauges a scrape may see. */
    public static final Duration FLEET_MAX_AGE = Duration.ofSeconds(15);
    private static final Duration[] REQUEST_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Telemetry telemetry = new MicrometerTelemetry(registry);
    private FleetGauges fleet;

    /**
     * Adds the JVM's meters (memory, GC, threads, classes, CPU, uptime). Separate from the
     * constructor because binding them reads every platform MXBean, about a tenth of a second that
     * {@code serve} spends after it listens rather than before.
     */
    public Metrics withJvmMeters() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return this;
    }

    /** The registry itself, e.g. for HikariCP's pool metrics. */
    public MeterRegistry registry() {
        return registry;
    }

    public Telemetry telemetry() {
        return telemetry;
    }

    /** Times every answered request by method, route template and status class. */
    public RequestObserver requests() {
        return (method, route, status, duration) -> Timer.builder("http.server.requests")
                .description("HTTP requests answered, by route template")
                .tag("method", method).tag("route", route).tag("status_class", status / 100 + "xx")
                .serviceLevelObjectives(REQUEST_BUCKETS)
                .register(registry).record(duration);
    }

    /** Adds the fleet gauges, re-read from {@code operations} at most once per {@code maxAge}. */
    public synchronized Metrics watchFleet(ObserveOperations operations, Duration maxAge, Clock clock) {
        fleet = new FleetGauges(registry, operations, maxAge, clock);
        return this;
    }

    /**
     * Adds the outbox depth: notifications waiting for delivery, read when scraped (one count
     * query; NaN while the database is away).
     */
    public Metrics watchOutbox(DeliverNotifications delivery) {
        Gauge.builder("connections.notifications.outbox.pending", delivery, Metrics::pendingOrNaN)
                .description("Health notifications waiting for delivery (retries included)")
                .register(registry);
        return this;
    }

    private static double pendingOrNaN(DeliverNotifications delivery) {
        try {
            return delivery.pendingCount();
        } catch (RuntimeException databaseAway) {
            return Double.NaN;
        }
    }

    /** The Prometheus text exposition of every meter, fleet gauges refreshed first when stale. */
    public String scrape() {
        FleetGauges gauges;
        synchronized (this) {
            gauges = fleet;
        }
        if (gauges != null) {
            try {
                gauges.refreshIfStale();
            } catch (RuntimeException databaseAway) {
                // the last values stay; readiness reports the database
            }
        }
        return registry.scrape();
    }
}
