package com.amdahl.connections.app;

import com.amdahl.connections.adapter.rest.RestServer;
import com.amdahl.connections.adapter.rest.RestSettings;
import com.amdahl.connections.app.ops.ConfiguredLayout;
import com.amdahl.connections.app.ops.ManagementServer;
import com.amdahl.connections.app.ops.Metrics;
import com.amdahl.connections.application.NotificationWorker;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code serve} runs: the REST API with {@code /mcp} and the console, the management
 * listener when configured, the sync engine and the notification worker, until {@link #stop()}.
 */
final class Serving {
    private static final Logger LOG = LoggerFactory.getLogger(Serving.class);

    final AppConfig config;
    final String base;
    private final ConnectionsRuntime runtime;
    private final RestServer server;
    private final ManagementServer managementServer;
    private final NotificationWorker notifications;

    private Serving(AppConfig config, String base, ConnectionsRuntime runtime, RestServer server,
            ManagementServer managementServer, NotificationWorker notifications) {
        this.config = config;
        this.base = base;
        this.runtime = runtime;
        this.server = server;
        this.managementServer = managementServer;
        this.notifications = notifications;
    }

    /** Starts everything; {@code host} and {@code port} (flags) win over the environment when given. */
    static Serving start(Map<String, String> environment, String host, Integer port, boolean demo) {
        AppConfig config = AppConfig.fromEnvironment(environment, host, port).withResolvedPort();
        ManagementSettings management = ManagementSettings.fromEnvironment(environment);
        String logFormat = environment.getOrDefault(ConfiguredLayout.VARIABLE, "plain").strip();
        if (!logFormat.equalsIgnoreCase("plain") && !logFormat.equalsIgnoreCase("json")) {
            throw new ConfigurationException(ConfiguredLayout.VARIABLE + " must be plain or json");
        }
        boolean logProbes = AppConfig.parseSwitch(environment.getOrDefault(Main.LOG_PROBES, "false"), Main.LOG_PROBES);
        Metrics metrics = new Metrics();
        ConnectionsRuntime runtime = ConnectionsRuntime.connect(config, config.syncSettings(), metrics.telemetry());
        // Listen first, then migrate: /healthz answers while the schema is brought up to date, and
        // every other request waits at the gate until it is.
        SchemaGate gate = new SchemaGate();
        RestServer server = null;
        ManagementServer managementServer = null;
        try {
            server = RestServer.create(runtime.app, McpWiring.withMcp(RestSettings.defaults(), runtime.app,
                    McpWiring.origins(config), gate).withExtraConfig(gate.onRoutes())
                    .withRequestObserver(metrics.requests()).withProbesLogged(logProbes))
                    .start(config.host(), config.port());
            runtime.migrate();
            gate.open();
            runtime.persistence.observePool(metrics.registry());
            metrics.withJvmMeters().watchFleet(runtime.app.operations(), Metrics.FLEET_MAX_AGE, runtime.clock)
                    .watchOutbox(runtime.app.notifications().delivery());
            if (management.enabled()) {
                managementServer = ManagementServer.start(management.host(), management.port(), metrics, logProbes);
                Notices.say("Metrics: http://" + management.host() + ":" + managementServer.port() + "/metrics");
            }
        } catch (RuntimeException e) {
            gate.fail(e);
            if (server != null) {
                server.stop();
            }
            runtime.close();
            throw e;
        }
        String base = "http://" + config.host() + ":" + server.port();
        if (demo) {
            DemoData.seed(runtime, base);
        }
        runtime.app.startSyncEngine(config.engineOptions().withSoleProcess(runtime.persistence.exclusive()));
        NotificationWorker notifications = NotifyConfig.from(config.environment()).startWorker(runtime.app);
        return new Serving(config, base, runtime, server, managementServer, notifications);
    }

    /** The graceful end: stop accepting, finish in-flight requests, let running syncs finish (for a while). */
    void stop() {
        LOG.info("shutting down: finishing in-flight requests and syncs");
        server.stop();
        if (managementServer != null) {
            managementServer.close();
        }
        if (notifications != null) {
            notifications.close();
        }
        runtime.close(); // stops the sync engine first
        LOG.info("stopped");
    }
}
