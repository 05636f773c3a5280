package com.amdahl.connections.app.ops;

import com.amdahl.connections.application.port.out.Telemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.slf4j.MDC;

/**
 * The application's and providers' reports as Micrometer meters. Tags are bounded values only
 * (connector types, provider names, statuses, reasons, outcomes), never an id or a token.
 */
final class MicrometerTelemetry implements Telemetry {
    private static final Duration[] RUN_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30)};
    private static final Duration[] CALL_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;

    MicrometerTelemetry(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void runFinished(String connectorType, String status, String errorReason, Duration duration,
            long recordsWritten) {
        Counter.builder("connections.sync.runs.finished").description("Sync runs that reached completed or failed")
                .tag("connector_type", connectorType).tag("status", status)
                .tag("error_reason", errorReason == null ? "none" : errorReason)
                .register(registry).increment();
        Timer.builder("connections.sync.run.duration").description("From dispatch to finish")
                .tag("connector_type", connectorType).tag("status", status)
                .serviceLevelObjectives(RUN_BUCKETS)
                .register(registry).record(duration);
        Counter.builder("connections.sync.records.written").description("Records handed to the record sink")
                .tag("connector_type", connectorType)
                .register(registry).increment(recordsWritten);
    }

    @Override
    public void providerCall(String provider, String outcome, Duration latency) {
        Timer.builder("connections.provider.calls").description("HTTP exchanges with providers, retries included")
                .tag("provider", provider).tag("outcome", outcome)
                .serviceLevelObjectives(CALL_BUCKETS)
                .register(registry).record(latency);
    }

    @Override
    public void tokenRefresh(String connectorType, String outcome) {
        Counter.builder("connections.token.refreshes").description("OAuth access-token refreshes")
                .tag("connector_type", connectorType).tag("outcome", outcome)
                .register(registry).increment();
    }

    /** The ids go to the MDC, so JSON log lines of the run's worker thread carry them. */
    @Override
    public void runContext(String workspaceId, String connectionId, String runId) {
        put("workspace_id", workspaceId);
        put("connection_id", connectionId);
        put("run_id", runId);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    @Override
    public void credentialTest(String connectorType, String outcome) {
        Counter.builder("connections.credential.tests").description("Test connection checks")
                .tag("connector_type", connectorType).tag("outcome", outcome)
                .register(registry).increment();
    }

    @Override
    public void notificationDelivery(String outcome) {
        Counter.builder("connections.notifications.deliveries").description("Attempts to deliver a health notification")
                .tag("outcome", outcome)
                .register(registry).increment();
    }

    @Override
    public void budgetWait(String connectorType, Duration waited) {
        Counter.builder("connections.rate.budget.waits").description("Provider requests that waited for their account's budget")
                .tag("connector_type", connectorType)
                .register(registry).increment();
        Counter.builder("connections.rate.budget.wait.seconds").description("Time provider requests waited for their account's budget")
                .tag("connector_type", connectorType)
                .register(registry).increment(waited.toNanos() / 1e9);
    }

    @Override
    public void providerRateLimited(String connectorType) {
        Counter.builder("connections.provider.rate.limited").description("Requests a provider refused for its rate limit (429 or its variant)")
                .tag("connector_type", connectorType)
                .register(registry).increment();
    }
}
