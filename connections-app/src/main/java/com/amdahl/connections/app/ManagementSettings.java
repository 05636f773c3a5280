package com.amdahl.connections.app;

import java.util.Map;

/**
 * Where the management listener ({@code /metrics}) listens: {@code CONNECTIONS_MANAGEMENT_PORT}
 * (unset: no listener; {@code 0}: a free port) on {@code CONNECTIONS_MANAGEMENT_HOST} (default
 * loopback, so only what runs beside the process can scrape unless an operator opens it).
 */
record ManagementSettings(boolean enabled, String host, int port) {

    static ManagementSettings fromEnvironment(Map<String, String> env) {
        String host = env.getOrDefault("CONNECTIONS_MANAGEMENT_HOST", "127.0.0.1").strip();
        String raw = env.get("CONNECTIONS_MANAGEMENT_PORT");
        if (raw == null || raw.isBlank()) {
            return new ManagementSettings(false, host, 0);
        }
        int port;
        try {
            port = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("CONNECTIONS_MANAGEMENT_PORT must be 0-65535");
        }
        return new ManagementSettings(true, host, port);
    }
}
